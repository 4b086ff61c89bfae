// Starts Swagger UI on /api/v1/docs/ (the bundle comes from drf-spectacular-sidecar's static files).
// Settings come from data attributes: the CSP allows no inline script.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  const root = document.getElementById("swagger-ui");
  if (!root || typeof window.SwaggerUIBundle !== "function") {
    return;
  }
  const { schemaUrl, csrfHeader, csrfToken } = root.dataset;
  window.SwaggerUIBundle({
    url: schemaUrl,
    domNode: root,
    presets: [window.SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
    deepLinking: false,
    // Writes need the CSRF token of this session, sent as a header (as htmx does).
    requestInterceptor: (request) => {
      if (!["GET", "HEAD", "OPTIONS", undefined].includes(request.method)) {
        request.headers[csrfHeader] = csrfToken;
      }
      return request;
    },
  });
});
