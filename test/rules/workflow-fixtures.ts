/** A GitHub workflow with `permissions: contents: read` and the given jobs block. */
export const wf = (jobs: string, top = "permissions:\n  contents: read\n") => `name: ci\non: push\n${top}jobs:\n${jobs}`;
