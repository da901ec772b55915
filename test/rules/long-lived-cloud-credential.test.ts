import { longLivedCloudCredential } from "../../rules/long-lived-cloud-credential.js";
import { at, ruleTester } from "../helpers.js";
import { wf } from "./workflow-fixtures.js";

const aws = wf("  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: aws s3 sync . s3://bucket\n        env:\n          AWS_ACCESS_KEY_ID: ${{ secrets.AWS_ACCESS_KEY_ID }}\n          AWS_SECRET_ACCESS_KEY: ${{ secrets.AWS_SECRET_ACCESS_KEY }}\n");
const azure = wf("  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: azure/login@v2\n        with:\n          creds: ${{ secrets.AZURE_CREDENTIALS }}\n");
const gitlab = "deploy:\n  script:\n    - aws configure set aws_secret_access_key $AWS_SECRET_ACCESS_KEY\n    - aws s3 sync dist s3://site\n";
const azurePipeline = "steps:\n  - script: az login --service-principal -u $(ARM_CLIENT_ID) -p $(ARM_CLIENT_SECRET) --tenant $(ARM_TENANT_ID)\n  - script: npm publish\n    env:\n      NODE_AUTH_TOKEN: $(NPM_TOKEN)\n";
ruleTester(longLivedCloudCredential, {
  valid: [
    {
      name: "GitLab: AWS through id_tokens (the docs' good example)",
      path: ".gitlab-ci.yml",
      code: `deploy:\n  id_tokens:\n    AWS_ID_TOKEN:\n      aud: sts.amazonaws.com\n  script:\n    - >\n      export $(printf "AWS_ACCESS_KEY_ID=%s AWS_SECRET_ACCESS_KEY=%s AWS_SESSION_TOKEN=%s"\n      $(aws sts assume-role-with-web-identity --role-arn "$ROLE_ARN" --role-session-name "gitlab-$CI_JOB_ID"\n      --web-identity-token "$AWS_ID_TOKEN" --duration-seconds 3600\n      --query 'Credentials.[AccessKeyId,SecretAccessKey,SessionToken]' --output text))\n    - aws s3 sync dist s3://site\n`,
    },
    { name: "AWS through OIDC", code: wf("  a:\n    runs-on: ubuntu-latest\n    permissions:\n      id-token: write\n    steps:\n      - uses: aws-actions/configure-aws-credentials@v4\n        with:\n          role-to-assume: arn:aws:iam::123456789012:role/deploy\n          aws-region: us-east-1\n") },
  ],
  invalid: [
    { name: "GitLab: a static AWS key, with GitLab's own way out (id_tokens)", path: ".gitlab-ci.yml", code: gitlab, errors: [at(gitlab, "AWS_SECRET_ACCESS_KEY", /`AWS_SECRET_ACCESS_KEY` is a static AWS access key.*`id_tokens:`/)] },
    { name: "Azure Pipelines: a service principal secret, not the npm token (no trusted publishing from Azure DevOps)", path: "azure-pipelines.yml", code: azurePipeline, errors: [at(azurePipeline, "ARM_CLIENT_SECRET", /`ARM_CLIENT_SECRET` is an Azure service principal secret.*workload identity federation/)] },
    { name: "a key recognised by the variable it is bound to", code: wf("  a:\n    runs-on: ubuntu-latest\n    env:\n      AWS_SECRET_ACCESS_KEY: ${{ secrets.S3_STAGING_KEY }}\n    steps:\n      - run: ./upload.sh\n"), errors: [{ line: 9, column: 42, message: /`S3_STAGING_KEY` \(as AWS_SECRET_ACCESS_KEY\) is a static AWS access key/ }] },
    { name: "static AWS keys", code: aws, errors: [{ line: 11, column: 42, message: /`AWS_ACCESS_KEY_ID` is a static AWS access key/ }, { line: 12, column: 46, message: /`AWS_SECRET_ACCESS_KEY` is a static AWS access key/ }] },
    { name: "azure/login with a service principal secret: one finding at the input", code: azure, errors: [at(azure, "${{ secrets.AZURE_CREDENTIALS }}", /Azure service principal secret/)] },
  ],
});
