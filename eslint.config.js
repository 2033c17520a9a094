// ESLint (flat config): typescript-eslint, the rules of React hooks, jsx-a11y, and the import boundaries of STYLE.md §15.
import js from "@eslint/js";
import jsxA11y from "eslint-plugin-jsx-a11y";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

const DATABASE = ["**/db/client", "**/db/schema", "drizzle-orm", "drizzle-orm/*", "better-sqlite3", "pg"];
/** A boundary: these imports are refused in the files it covers (importing a type only is allowed: it leaves no code behind). */
const boundary = (group, message) => ({
  "no-restricted-imports": "off",
  "@typescript-eslint/no-restricted-imports": ["error", { patterns: [{ group, message, allowTypeImports: true }] }],
});

/** Rules that need type information (the lint-boundaries test turns them off for its probe files, which are not project files). */
export const typeAwareRules = {
  "@typescript-eslint/no-floating-promises": "error",
  "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { attributes: false, arguments: false } }],
  "@typescript-eslint/await-thenable": "error",
  // A promise in a template string is always a bug ("[object Promise]"), and no type error shows it.
  "@typescript-eslint/restrict-template-expressions": [
    "error",
    { allowNumber: true, allowBoolean: true, allowNullish: true, allowAny: true, allowRegExp: true },
  ],
};

export default tseslint.config(
  { ignores: ["build/", "data/", ".react-router/", "test-results/", "playwright-report/", "public/", "db/migrations/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  jsxA11y.flatConfigs.recommended,
  {
    plugins: { "react-hooks": reactHooks },
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      // The rules of hooks and the React Compiler's rules (set-state-in-effect, refs, immutability, …); a missing dependency is an error, not a warning.
      ...reactHooks.configs.flat.recommended.rules,
      "react-hooks/exhaustive-deps": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" }],
    },
  },
  { files: ["**/*.cjs"], languageOptions: { sourceType: "commonjs" }, rules: { "@typescript-eslint/no-require-imports": "off" } },
  // The data layer is async: a promise nobody awaits loses its write's error (or the write itself, when the request ends first).
  {
    files: ["app/**/*.{ts,tsx}", "db/**/*.ts", "tests/**/*.ts"],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: typeAwareRules,
  },
  // Only app/data touches the database.
  { files: ["app/**"], ignores: ["app/data/**"], rules: boundary(DATABASE, "Only app/data touches the database.") },
  // Pure domain code: no database, React or data module.
  {
    files: ["app/domain/**"],
    rules: boundary(
      [...DATABASE, "react", "react-dom", "react-dom/*", "react-router", "~/data/*", "**/data/*", "*.server", "**/*.server"],
      "app/domain is pure: no database, React or data module.",
    ),
  },
  // Components run in the browser: no server module.
  {
    files: ["app/components/**"],
    rules: boundary([...DATABASE, "*.server", "**/*.server", "~/data/*"], "Components run in the browser: no server module or database."),
  },
);
