"use strict";
// The what-if page: a draft of the rules and a range, sent to POST /api/v1/rules/what-if; the answer as tables.
(() => {
  const $ = (id) => document.getElementById(id);
  let token = sessionStorage.getItem("deskstream.token");

  function cell(row, text, className) {
    const td = document.createElement(row.parentElement && row.parentElement.tagName === "THEAD" ? "th" : "td");
    td.textContent = text;
    if (className) td.className = className;
    row.appendChild(td);
    return td;
  }

  function utc(value) {
    return new Date(value + "Z").toISOString();
  }

  function local(date) {
    return date.toISOString().slice(0, 16);
  }

  async function call(method, path, body) {
    const response = await fetch(path, { method, body, headers: { Authorization: "Bearer " + token,
      Accept: "application/json", "Content-Type": "application/json" } });
    const json = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error(json.error || ("HTTP " + response.status));
    return json;
  }

  function showDepartments(answer) {
    const body = $("what-if-departments").tBodies[0];
    body.replaceChildren();
    for (const d of answer.departments) {
      const row = body.insertRow();
      cell(row, d.department, "dim");
      cell(row, d.now.toLocaleString());
      cell(row, d.draft.toLocaleString());
      const change = d.draft - d.now;
      cell(row, (change > 0 ? "+" : "") + change.toLocaleString(), change === 0 ? "" : change > 0 ? "up" : "down");
    }
  }

  function showMatrix(answer) {
    const table = $("what-if-matrix");
    const froms = [...new Set(answer.moves.map((m) => m.from))].sort();
    const tos = [...new Set(answer.moves.map((m) => m.to))].sort();
    const head = table.tHead;
    head.replaceChildren();
    const header = head.insertRow();
    cell(header, "from \\ to", "dim");
    tos.forEach((to) => cell(header, to));
    const body = table.tBodies[0];
    body.replaceChildren();
    for (const from of froms) {
      const row = body.insertRow();
      cell(row, from, "dim");
      for (const to of tos) {
        const move = answer.moves.find((m) => m.from === from && m.to === to);
        cell(row, move ? move.conversations.toLocaleString() : "");
      }
    }
  }

  function showSample(answer) {
    const body = $("what-if-sample").tBodies[0];
    body.replaceChildren();
    for (const m of answer.sample) {
      const row = body.insertRow();
      cell(row, m.kind + " " + m.id, "dim");
      cell(row, m.from, "dim");
      cell(row, m.to, "dim");
      cell(row, m.matchedNow.join(", ") || "none", "dim");
      cell(row, m.matchedDraft.join(", ") || "none", "dim");
    }
  }

  function show(answer) {
    $("what-if-summary").textContent = answer.moved.toLocaleString() + " of " + answer.conversations.toLocaleString()
      + " conversations would move" + (answer.withoutFacts ? "; " + answer.withoutFacts.toLocaleString()
        + " created before their facts were kept are left out" : "")
      + (answer.truncated ? "; stopped at the limit of " + answer.limit.toLocaleString() + " conversations" : "") + ".";
    showDepartments(answer);
    showMatrix(answer);
    showSample(answer);
    $("what-if-answer").hidden = false;
  }

  async function run(event) {
    event.preventDefault();
    $("what-if-error").textContent = "";
    if (!token) token = $("what-if-token").value;
    let rules;
    try {
      rules = JSON.parse($("draft").value);
    } catch (e) {
      $("what-if-error").textContent = "The draft is not JSON: " + e.message;
      return;
    }
    try {
      show(await call("POST", "/api/v1/rules/what-if", JSON.stringify({
        rules, from: utc($("what-if-from").value), to: utc($("what-if-to").value) })));
    } catch (e) {
      $("what-if-answer").hidden = true;
      $("what-if-error").textContent = "The what-if was refused: " + e.message;
    }
  }

  async function loadCurrent() {
    if (!token) token = $("what-if-token").value;
    try {
      $("draft").value = JSON.stringify((await call("GET", "/api/v1/rules")).rules, null, 2);
    } catch (e) {
      $("what-if-error").textContent = "The current rules could not be loaded: " + e.message;
    }
  }

  const now = new Date();
  now.setUTCMinutes(0, 0, 0);
  $("what-if-to").value = local(new Date(now.getTime() + 3600_000));
  $("what-if-from").value = local(new Date(now.getTime() - 7 * 24 * 3600_000));
  $("what-if-token").hidden = $("what-if-token-label").hidden = Boolean(token);
  $("what-if-form").addEventListener("submit", run);
  $("what-if-current").addEventListener("click", loadCurrent);
  if (token) loadCurrent();
})();
