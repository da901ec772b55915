import { ungatedPrivilegedJob } from "../../rules/ungated-privileged-job.js";
import { at, ruleTester } from "../helpers.js";
import { wf } from "./workflow-fixtures.js";

const ungated = wf("  deploy:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ./deploy.sh\n        env:\n          TOKEN: ${{ secrets.PROD_DEPLOY_TOKEN }}\n");
const cloud = wf("  release:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: aws-actions/configure-aws-credentials@v4\n        with:\n          role-to-assume: arn:aws:iam::123456789012:role/deploy\n");
ruleTester(ungatedPrivilegedJob, {
  valid: [
    { name: "behind an environment", code: ungated.replace("    runs-on", "    environment: production\n    runs-on") },
    { name: "user names, URLs and bot tokens that only name a deployment word in passing (kubernetes/minikube, apache/arrow, pytorch/test-infra)", code: wf("  bump:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ./bump.sh\n        env:\n          GH: ${{ secrets.MINIKUBE_BOT_PAT }}\n          U: ${{ secrets.DOCKERHUB_USER }}\n          L: ${{ secrets.AWS_INFRA_ALERTS_LAMBDA_URL }}\n") },
    { name: "a job with a non-deployment secret", code: wf("  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n        env:\n          CODECOV: ${{ secrets.CODECOV_UPLOAD }}\n") },
  ],
  invalid: [
    { name: "a deploy token with no environment", code: ungated, errors: [{ ...at(ungated, "deploy:"), endColumn: undefined, message: /job `deploy` uses deployment credentials \(PROD_DEPLOY_TOKEN\)/ }] },
    { name: "a cloud sign-in with no environment", code: cloud, errors: [{ ...at(cloud, "release"), message: /uses deployment credentials \(arn:aws:iam::123456789012:role\/deploy\)/ }] },
  ],
});
