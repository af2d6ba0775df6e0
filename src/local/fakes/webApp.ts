// ScriptApp.getService(): the script's web app. The local runtime is deployed once, as a versioned deployment whose
// URL is Google's form for one (script.google.com/macros/s/DEPLOYMENT_ID/exec); doGet is called as `sandbox.call`.
import { strictFake, type FakeEnv } from './strict';

type Service = GoogleAppsScript.Script.Service;

class FakeService implements Pick<Service, 'getUrl' | 'isEnabled'> {
  constructor(private readonly url: string) {}
  getUrl(): string {
    return this.url;
  }
  isEnabled(): boolean {
    return true;
  }
}

export const createWebAppService = (deploymentId: string, env: FakeEnv): Service =>
  strictFake<Service>(new FakeService(`https://script.google.com/macros/s/${deploymentId}/exec`), 'Service', 'ScriptApp', env);
