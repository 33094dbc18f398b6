// The development stage without an origin secrets parameter: CloudFront adds no header and the API
// function gets no ORIGIN_SECRETS, so the app checks nothing (as `npm start` and the tests).
import { beforeAll, describe, expect, it } from 'vitest';
import { synthRete } from './rete-app';

let templates: ReturnType<typeof synthRete>['templates'];

beforeAll(() => {
  templates = synthRete({ stage: 'dev', originSecretsParameter: undefined }).templates;
});

describe('without an origin secrets parameter', () => {
  it('adds no header to any CloudFront origin', () => {
    const distribution = Object.values(templates.web.findResources('AWS::CloudFront::Distribution'))[0]!;
    for (const origin of distribution.Properties.DistributionConfig.Origins) expect(origin.OriginCustomHeaders).toBeUndefined();
  });

  it("gives the api function no accepted values, and no stack an SSM parameter but the CDK's bootstrap version", () => {
    const api = Object.values(templates.api.findResources('AWS::Lambda::Function'))[0]!;
    expect(api.Properties.Environment.Variables.ORIGIN_SECRETS).toBeUndefined();
    for (const template of [templates.web, templates.api]) {
      const parameters = Object.entries((template.toJSON().Parameters ?? {}) as Record<string, { Type: string }>);
      expect(parameters.filter(([name, { Type }]) => Type.startsWith('AWS::SSM::') && name !== 'BootstrapVersion')).toEqual([]);
    }
  });

  it('still throttles the public routes on their own', () => {
    const stage = Object.values(templates.api.findResources('AWS::ApiGatewayV2::Stage'))[0]!;
    expect(Object.keys(stage.Properties.RouteSettings).sort()).toEqual(['GET /api/openapi.json', 'POST /api/v1/share']);
  });
});
