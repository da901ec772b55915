// Shared fixtures for the inventory rules. NOW (test/helpers.ts) is 2026-11-23.
export const deployWorkflow = {
  path: ".github/workflows/deploy.yml",
  text: "name: deploy\non: push\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ./deploy.sh\n        env:\n          TOKEN: ${{ secrets.DEPLOY_TOKEN }}\n",
};

/** One record, with fields overridable by line. */
export function record(fields: Record<string, string | undefined> = {}): string {
  const all: Record<string, string | undefined> = {
    name: "DEPLOY_TOKEN",
    kind: "secret",
    owner: '"@acme/platform"',
    purpose: "Deploy the web app",
    expires: "2027-06-30",
    ...fields,
  };
  const lines = Object.entries(all)
    .filter(([, value]) => value !== undefined)
    .map(([key, value], i) => `${i === 0 ? "  - " : "    "}${key}: ${value}`);
  return `version: 1\nconnectors:\n${lines.join("\n")}\n`;
}
