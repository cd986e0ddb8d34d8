"use strict";
// Bring the highlighted sentence (the evidence of a fact) to the middle of the screen.
(function () {
  const mark = document.getElementById("hl");
  if (mark) {
    mark.scrollIntoView({block: "center"});
  }
})();
