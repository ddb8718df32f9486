// ESLint as the Rancher extension skeleton sets it up for @rancher/shell 3.0.x
// (ESLint 7, eslint-config-standard, typescript-eslint, eslint-plugin-vue vue3-recommended,
// and the skeleton's rule list), plus what this repository adds:
// - import/no-cycle over src/: the engine's stages import one way (lib <- input <- agent,
//   containerd <- route <- features <- cli); a cycle fails the lint;
// - src/ stays framework-free: no Vue, no shell imports;
// - `.js` import specifiers resolve to `.ts` files (moduleResolution "Bundler").
// Run: npm run lint (the whole tree, no warnings allowed).
module.exports = {
  root: true,
  env:  {
    browser: true,
    node:    true,
    es2021:  true,
  },
  parser:        'vue-eslint-parser',
  parserOptions: {
    parser:              '@typescript-eslint/parser',
    ecmaVersion:         2022,
    sourceType:          'module',
    extraFileExtensions: ['.vue'],
    ecmaFeatures:        { jsx: false },
  },
  globals: {
    NodeJS: true,
    Timer:  true,
  },
  extends: [
    'standard',
    'eslint:recommended',
    'plugin:@typescript-eslint/recommended',
    'plugin:vue/vue3-recommended',
  ],
  settings: {
    'import/extensions': ['.js', '.mjs', '.ts', '.vue'],
    'import/parsers':    { '@typescript-eslint/parser': ['.ts'] },
    'import/resolver':   {
      typescript: { project: ['tsconfig.engine.json'] },
      node:       { extensions: ['.js', '.mjs', '.ts', '.vue'] },
    },
  },
  rules: {
    // the skeleton's rules (creators/extension/app/files/.eslintrc.js, shell 3.0.x)
    'dot-notation':                  'off',
    'generator-star-spacing':        'off',
    'guard-for-in':                  'off',
    'linebreak-style':               'off',
    'new-cap':                       'off',
    'no-empty':                      'off',
    'no-extra-boolean-cast':         'off',
    'no-new':                        'off',
    'no-plusplus':                   'off',
    'no-useless-escape':             'off',
    'semi-spacing':                  'off',
    'space-in-parens':               'off',
    strict:                          'off',
    'vue/html-self-closing':         'off',
    'vue/no-unused-components':      'warn',
    'vue/no-v-html':                 'error',
    'wrap-iife':                     'off',
    'array-bracket-spacing':         'warn',
    'arrow-parens':                  'warn',
    'arrow-spacing':                 ['warn', { before: true, after: true }],
    'block-spacing':                 ['warn', 'always'],
    'brace-style':                   ['warn', '1tbs'],
    'comma-dangle':                  ['warn', 'only-multiline'],
    'comma-spacing':                 'warn',
    curly:                           'warn',
    eqeqeq:                          'warn',
    'func-call-spacing':             ['warn', 'never'],
    'implicit-arrow-linebreak':      'warn',
    indent:                          ['warn', 2],
    'keyword-spacing':               'warn',
    'lines-between-class-members':   ['warn', 'always', { exceptAfterSingleLine: true }],
    'multiline-ternary':             ['warn', 'never'],
    'newline-per-chained-call':      ['warn', { ignoreChainWithDepth: 4 }],
    'no-caller':                     'warn',
    'no-cond-assign':                ['warn', 'except-parens'],
    'no-console':                    'warn',
    'no-debugger':                   'warn',
    'no-eq-null':                    'warn',
    'no-eval':                       'warn',
    'no-trailing-spaces':            'warn',
    'no-undef':                      'warn',
    'no-unused-vars':                'warn',
    'no-whitespace-before-property': 'warn',
    'object-curly-spacing':          ['warn', 'always'],
    'object-property-newline':       'warn',
    'object-shorthand':              'warn',
    'padded-blocks':                 ['warn', 'never'],
    'prefer-arrow-callback':         'warn',
    'prefer-template':               'warn',
    'quote-props':                   'warn',
    'rest-spread-spacing':           'warn',
    semi:                            ['warn', 'always'],
    'space-before-function-paren':   ['warn', 'never'],
    'space-infix-ops':               'warn',
    'spaced-comment':                'warn',
    'switch-colon-spacing':          'warn',
    'template-curly-spacing':        ['warn', 'always'],
    'yield-star-spacing':            ['warn', 'both'],
    'key-spacing':                   ['warn', {
      align: {
        beforeColon: false, afterColon: true, on: 'value', mode: 'minimum'
      },
      multiLine: { beforeColon: false, afterColon: true },
    }],
    'object-curly-newline': ['warn', {
      ObjectExpression:  { multiline: true, minProperties: 3 },
      ObjectPattern:     { multiline: true, minProperties: 4 },
      ImportDeclaration: { multiline: true, minProperties: 5 },
      ExportDeclaration: { multiline: true, minProperties: 3 },
    }],
    'padding-line-between-statements': ['warn',
      {
        blankLine: 'always', prev: '*', next: 'return'
      },
      {
        blankLine: 'always', prev: 'function', next: 'function'
      },
      {
        blankLine: 'always', prev: ['const', 'let', 'var'], next: '*'
      },
      {
        blankLine: 'any', prev: ['const', 'let', 'var'], next: ['const', 'let', 'var']
      },
    ],
    quotes:            ['warn', 'single', { avoidEscape: true, allowTemplateLiterals: true }],
    'space-unary-ops': ['warn', { words: true, nonwords: false }],

    'vue/order-in-components':               'off',
    'vue/no-lone-template':                  'off',
    'vue/v-slot-style':                      'off',
    'vue/component-tags-order':              'off',
    'vue/no-mutating-props':                 'off',
    '@typescript-eslint/no-unused-vars':     'off',
    'array-callback-return':                 'off',
    'vue/one-component-per-file':            'off',
    'vue/no-deprecated-slot-attribute':      'off',
    'vue/require-explicit-emits':            'off',
    'vue/v-on-event-hyphenation':            'off',
  },
  overrides: [
    {
      files: ['*.js', '*.cjs', '*.mjs'],
      rules: {
        'prefer-regex-literals':                'off',
        'vue/component-definition-name-casing': 'off',
        'no-unreachable-loop':                  'off',
        'computed-property-spacing':            'off',
        '@typescript-eslint/no-var-requires':   'off',
      },
    },
    {
      // TypeScript checks names and types itself (npm run typecheck)
      // and knows parameter properties and type hoisting
      files: ['*.ts', '*.mts', '*.vue'],
      rules: {
        'no-undef':                                  'off',
        'no-useless-constructor':                    'off',
        '@typescript-eslint/no-useless-constructor': 'error',
        'no-use-before-define':                      'off',
        '@typescript-eslint/no-use-before-define':   ['error', {
          functions: false, classes: false, variables: false
        }],
      },
    },
    {
      // `any` is allowed where a value really is untyped (shell internals, test wrappers,
      // as the dashboard's own config allows it); an `as any` cast that hides a known type
      // is not: write the type, or say on the line why there is none
      files: ['*.ts', '*.mts', '*.vue'],
      rules: {
        '@typescript-eslint/no-explicit-any': 'off',
        'no-restricted-syntax':               ['error', {
          selector: 'TSAsExpression > TSAnyKeyword.typeAnnotation',
          message:  'No `as any`: name the type (or disable this line with the reason there is none)',
        }],
      },
    },
    {
      // declaration files declare for the compiler; nothing in them is "used"
      files: ['*.d.ts', '*.d.mts'],
      rules: { 'no-unused-vars': 'off' },
    },
    {
      // the engine: one-way stages, no cycles, no framework
      files: ['src/**/*.ts'],
      rules: {
        'import/no-cycle':       ['error', { ignoreExternal: true }],
        'no-restricted-imports': ['error', {
          patterns: [{
            group:   ['vue', 'vuex', '@shell/*', '@components/*', '@rancher/*', '@pkg/*'],
            message: 'src/ is framework-free: the extension imports the engine, never the other way',
          }],
        }],
      },
    },
    {
      // The engine, the CLI, the tests and the tools keep standard's layout; the skeleton's
      // layout rules above (Rancher's Vue code style) apply to the extension (pkg/) and the
      // standalone page (harness/src), which are written in it.
      files: ['src/**', 'test/**', 'bench/**', 'scripts/**', 'bin/**', 'harness/*.mjs', 'harness/tools/**'],
      rules: {
        'template-curly-spacing':          'off',
        'padding-line-between-statements': 'off',
        'object-curly-newline':            'off',
        'object-property-newline':         'off',
        'key-spacing':                     'off',
        'multiline-ternary':               'off',
        'operator-linebreak':              'off',
        'brace-style':                     'off',
        'implicit-arrow-linebreak':        'off',
        'prefer-template':                 'off',
        indent:                            ['warn', 2, { SwitchCase: 1 }],
      },
    },
    {
      // the CLI and the tools print to the terminal
      files: ['src/cli/**', 'bin/**', 'scripts/**', 'bench/**', 'test/**', 'harness/tools/**', 'harness/*.mjs'],
      rules: { 'no-console': 'off' },
    },
    {
      // tests: stubs are empty on purpose, rewrite templates are literal '${1}' strings
      files: ['test/**'],
      rules: {
        '@typescript-eslint/no-empty-function':     'off',
        '@typescript-eslint/no-non-null-assertion': 'off',
        'no-template-curly-in-string':              'off',
        // node file keys are snake_case (ca_file, insecure_skip_verify)
        camelcase:                                  'off',
      },
    },
  ],
};
