// Lint: typescript-eslint's recommended rules (syntax only, no type information, so it stays fast)
// plus import-x's cycle check, which guards the dependency order that tests/architecture.test.ts
// declares: no file may reach itself through its imports.
import tseslint from "typescript-eslint";
import importX from "eslint-plugin-import-x";
import { createTypeScriptImportResolver } from "eslint-import-resolver-typescript";

export default tseslint.config(
    { ignores: ["node_modules/**", ".build/**", "plan-out/**", "bench/out/**", "reports/**", ".stryker-tmp*/**", "**/*.js", "**/*.mjs"] },
    ...tseslint.configs.recommended,
    {
        files: ["**/*.ts"],
        plugins: { "import-x": importX },
        settings: { "import-x/resolver-next": [createTypeScriptImportResolver({ project: "tsconfig.json" })] },
        rules: {
            // Lazy `require()` keeps start-up fast (heavy modules load inside the command that needs
            // them); the cycle check follows those requires too.
            "@typescript-eslint/no-require-imports": "off",
            "import-x/no-cycle": ["error", { ignoreExternal: true, commonjs: true }],
            "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
        },
    },
);
