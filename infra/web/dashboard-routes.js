// CloudFront Function (viewer request) of the dashboard's behaviour: an address without a file
// extension is a page of the single-page app, so it gets index.html; the share page has its own
// file. Only the default behaviour runs this, so /api/* answers (404 included) pass untouched.
var PAGES = { '/share': '/share.html' };

function handler(event) {
  var request = event.request;
  var uri = request.uri.replace(/\/+$/, '') || '/';
  var last = uri.split('/').pop();
  if (PAGES[uri]) request.uri = PAGES[uri];
  else if (last.indexOf('.') === -1) request.uri = '/index.html';
  return request;
}
