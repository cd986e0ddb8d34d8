"use strict";
// The analysts' forms: each posts JSON (or a file) to the API and says what happened in its
// status line. Whatever comes from the server is written with textContent, never as HTML.
(function () {
  function say(element, text, ok) {
    element.textContent = text;
    element.className = "form-result " + (ok === undefined ? "" : ok ? "ok" : "bad");
  }

  async function call(url, options) {
    const response = await fetch(url, Object.assign({credentials: "same-origin", headers: {"Accept": "application/json"}}, options));
    let body = null;
    try { body = await response.json(); } catch (error) { body = null; }
    if (!response.ok) {
      throw new Error((body && body.error) || ("the server answered " + response.status));
    }
    return body;
  }

  function link(href, text) {
    const a = document.createElement("a");
    a.href = href;
    a.textContent = text;
    return a;
  }

  // ------------------------------------------------------------ merge / split
  const judgement = document.getElementById("judgement-form");
  if (judgement) {
    const result = judgement.querySelector(".form-result");
    const by = judgement.elements.namedItem("by");
    by.value = localStorage.getItem("veille.analyst") || "";
    judgement.addEventListener("submit", async function (event) {
      event.preventDefault();
      const action = (event.submitter && event.submitter.value) || "merge";
      const body = {a: judgement.dataset.entity, b: judgement.elements.namedItem("other").value.trim(),
                    by: by.value.trim(), note: judgement.elements.namedItem("note").value.trim() || null};
      localStorage.setItem("veille.analyst", body.by);
      say(result, "Recording…");
      try {
        const answer = await call("/api/judgements/" + action, {
          method: "POST", body: JSON.stringify(body),
          headers: {"Content-Type": "application/json", "Accept": "application/json"}});
        say(result, (action === "merge" ? "Recorded: one entity" : "Recorded: two entities") + ", by " + answer.by + ".", true);
        setTimeout(function () { location.href = afterJudgement(action, answer); }, 700);
      } catch (error) {
        say(result, error.message, false);
      }
    });
    watchEntityNames(judgement.elements.namedItem("other"), document.getElementById("entity-options"));

    // Right after a merge, the page offers to undo it: a split of the two entities it joined.
    const undo = document.getElementById("undo-merge");
    if (undo) {
      undo.addEventListener("click", async function () {
        const body = {a: undo.dataset.a, b: undo.dataset.b, by: by.value.trim() || localStorage.getItem("veille.analyst") || "",
                      note: "undo of a merge"};
        try {
          const answer = await call("/api/judgements/split", {
            method: "POST", body: JSON.stringify(body),
            headers: {"Content-Type": "application/json", "Accept": "application/json"}});
          say(result, "Recorded: two entities again, by " + answer.by + ".", true);
          setTimeout(function () { location.href = afterJudgement("split", answer); }, 700);
        } catch (error) {
          say(result, error.message + (body.by ? "" : " (give your name in the form)"), false);
        }
      });
    }
  }

  // Where to go after a judgement: the merged entity (with the two it joined, to undo), or
  // the entity the page was about.
  function afterJudgement(action, answer) {
    const ids = answer.entities.map(function (e) { return e.entity; });
    if (action === "merge") {
      return "/entities/" + encodeURIComponent(answer.entities[0].canonical) + "?merged=" + encodeURIComponent(ids.join(","));
    }
    const here = judgement.dataset.entity;
    const still = answer.entities.some(function (e) { return e.canonical === here; });
    return "/entities/" + encodeURIComponent(still ? here : answer.entities[0].canonical);
  }

  // Suggest entities while a name is typed: the option's value is the canonical id.
  function watchEntityNames(input, list) {
    if (!input || !list) return;
    let timer = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      const text = input.value.trim();
      if (text.length < 2 || /^[a-z]+-[0-9a-f]{12}$/.test(text)) return;
      timer = setTimeout(async function () {
        try {
          const found = await call("/api/search?limit=8&q=" + encodeURIComponent(text.replace(/"/g, " ") + "*"));
          list.replaceChildren();
          found.entities.forEach(function (e) {
            const option = document.createElement("option");
            option.value = e.canonical;
            option.label = e.name + " · " + e.type + (e.kind ? " " + e.kind.replace(/_/g, " ") : "") + (e.country ? " · " + e.country : "");
            list.appendChild(option);
          });
        } catch (error) { /* suggestions are a convenience: say nothing */ }
      }, 250);
    });
  }

  // ------------------------------------------------------------ grade override
  const grading = document.getElementById("grade-form");
  if (grading) {
    const result = grading.querySelector(".form-result");
    const by = grading.elements.namedItem("by");
    by.value = localStorage.getItem("veille.analyst") || "";
    grading.addEventListener("submit", async function (event) {
      event.preventDefault();
      const body = {grade: parseInt(grading.elements.namedItem("grade").value, 10), by: by.value.trim(),
                    note: grading.elements.namedItem("note").value.trim() || null};
      localStorage.setItem("veille.analyst", body.by);
      say(result, "Recording…");
      try {
        const answer = await call("/api/claims/" + encodeURIComponent(grading.dataset.claim) + "/grade", {
          method: "POST", body: JSON.stringify(body),
          headers: {"Content-Type": "application/json", "Accept": "application/json"}});
        say(result, "Recorded: grade " + answer.grade + " (" + answer.grade_label + "), by " + body.by + ".", true);
        setTimeout(function () { location.reload(); }, 700);
      } catch (error) {
        say(result, error.message, false);
      }
    });
  }

  // ------------------------------------------------------------ upload
  const upload = document.getElementById("upload-form");
  if (upload) {
    const result = upload.querySelector(".form-result");
    upload.addEventListener("submit", async function (event) {
      event.preventDefault();
      const button = upload.querySelector("button");
      button.disabled = true;
      say(result, "Reading and extracting…");
      try {
        const answer = await call("/api/documents", {method: "POST", body: new FormData(upload)});
        say(result, answer.summary, true);
        answer.failures.forEach(function (line) {
          const p = document.createElement("p");
          p.className = "form-result bad";
          p.textContent = line;
          result.appendChild(p);
        });
        answer.documents.forEach(function (d) {
          const p = document.createElement("p");
          p.appendChild(link("/documents/" + encodeURIComponent(d.id), d.title || d.doc_id));
          result.appendChild(p);
        });
      } catch (error) {
        say(result, error.message, false);
      } finally {
        button.disabled = false;
      }
    });
  }
})();
