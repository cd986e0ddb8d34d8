"use strict";
// Swagger UI over the application's OpenAPI description (served from node_modules, no CDN).
(function () {
  const element = document.getElementById("swagger-ui");
  if (element && typeof SwaggerUIBundle === "function") {
    SwaggerUIBundle({url: element.dataset.spec, domNode: element, deepLinking: true,
                     defaultModelsExpandDepth: 0, docExpansion: "list"});
  }
})();
