import { App } from 'aws-cdk-lib';
import { buildExampleApp } from './stacks';

const app = new App();
buildExampleApp(app);
app.synth();
