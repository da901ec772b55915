// Automation code: an Octokit token with a hardcoded fallback.
import { Octokit } from "@octokit/rest";

const octokit = new Octokit({
  auth: process.env.RELEASE_BOT_TOKEN ?? "Wq6Tz1Lx8Vn3Kp5Rb9Hc2Ym7Gd4Fs0Ja",
});

export async function publish(tag: string): Promise<void> {
  await octokit.repos.createRelease({ owner: "acme", repo: "web", tag_name: tag });
}
