import { longLivedCloudCredential } from "../../rules/long-lived-cloud-credential.js";
import { at, ruleTester } from "../helpers.js";
import { wf } from "./workflow-fixtures.js";

const aws = wf("  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: aws s3 sync . s3://bucket\n        env:\n          AWS_ACCESS_KEY_ID: ${{ secrets.AWS_ACCESS_KEY_ID }}\n          AWS_SECRET_ACCESS_KEY: ${{ secrets.AWS_SECRET_ACCESS_KEY }}\n");
const azure = wf("  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: azure/login@v2\n        with:\n          creds: ${{ secrets.AZURE_CREDENTIALS }}\n");
ruleTester(longLivedCloudCredential, {
  valid: [
    { name: "AWS through OIDC", code: wf("  a:\n    runs-on: ubuntu-latest\n    permissions:\n      id-token: write\n    steps:\n      - uses: aws-actions/configure-aws-credentials@v4\n        with:\n          role-to-assume: arn:aws:iam::123456789012:role/deploy\n          aws-region: us-east-1\n") },
  ],
  invalid: [
    { name: "static AWS keys", code: aws, errors: [{ line: 11, column: 42, message: /`AWS_ACCESS_KEY_ID` is a static AWS access key/ }, { line: 12, column: 46, message: /`AWS_SECRET_ACCESS_KEY` is a static AWS access key/ }] },
    { name: "azure/login with a service principal secret: one finding at the input", code: azure, errors: [at(azure, "${{ secrets.AZURE_CREDENTIALS }}", /Azure service principal secret/)] },
  ],
});
