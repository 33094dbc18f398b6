// An API Gateway HTTP API (payload 2.0) event, as the Lambda adapter receives it.
export function httpApiEvent(method: string, path: string, token: string) {
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString: '',
    headers: { host: 'api.rete.bench', authorization: `Bearer ${token}` },
    requestContext: {
      accountId: '123456789012', apiId: 'bench', domainName: 'api.rete.bench', domainPrefix: 'api',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '192.0.2.1', userAgent: 'rete-bench' },
      requestId: 'bench', routeKey: '$default', stage: '$default', time: '23/Nov/2026:10:00:00 +0000', timeEpoch: 1795437600000,
    },
    isBase64Encoded: false,
  };
}
