/**
 * What `npm run bench` runs: one module per benchmark, each printing its own result lines. To add
 * one, export a BenchModule from a file in bench/ and list it in bench/modules.ts.
 */
export interface BenchModule {
    /** The name to select it with: `npm run bench -- <name>`. */
    name: string;
    /** Runs the benchmark; `print` writes one result line as soon as it is known. */
    run(print: (line: string) => void, args: BenchArgs): Promise<void>;
}

export interface BenchArgs {
    /** Fleet sizes in stacks, from `--sizes 40,400`; each module decides whether sizes apply to it. */
    sizes?: number[];
}
