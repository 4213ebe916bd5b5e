/**
 * The CI workflow `clustersim init` writes: the one the README shows under "In CI", word for
 * word (a test compares them), sharded over four jobs, publishing JUnit XML and a summary.
 */
export const CI_WORKFLOW = `# .github/workflows/fault-tolerance.yml
name: fault tolerance
on: [push, pull_request]
jobs:
  simulate:
    runs-on: ubuntu-latest
    strategy:
      fail-fast: false
      matrix: { shard: [1, 2, 3, 4] }
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with: { node-version: 20, cache: npm }
      - run: npm ci
      - run: >
          npx clustersim check clustersim --seeds 1..200 --workers 2
          --shard \${{ matrix.shard }}/4 --report junit,md --out reports/out
      - if: always()
        run: cat reports/out/*.md >> "$GITHUB_STEP_SUMMARY"
      - if: always()
        uses: actions/upload-artifact@v4
        with: { name: junit-\${{ matrix.shard }}, path: reports/out/*.xml }
`;
