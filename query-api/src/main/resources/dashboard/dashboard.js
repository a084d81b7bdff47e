// The department report, live: signs in with a token, follows the report's stream (polling when it cannot be
// opened), and draws the chosen metric.
(() => {
  "use strict";
  const COLUMNS = ["tags_added", "replies", "calls", "missed_calls", "chat_messages", "chats", "missed_chats",
    "not_rated", "positive_ratings", "negative_ratings", "incoming_messages", "incoming_calls", "finished_calls",
    "incoming_chats", "finished_chats", "tickets_created", "tickets_resolved", "first_response_count",
    "next_response_count", "chat_pickup_count", "chat_duration_count", "sla_first_response_met",
    "sla_first_response_breached", "call_minutes", "avg_first_response_s", "avg_next_response_s",
    "avg_chat_pickup_s", "avg_chat_duration_s", "avg_first_response_business_s", "not_rated_pct", "positive_pct",
    "negative_pct", "sla_compliance_pct", "p50_first_response_s", "p90_first_response_s", "p50_next_response_s",
    "p90_next_response_s"];
  const POLL_MS = 5000;
  /** How long after a stream could not be opened it is tried again (polling meanwhile). */
  const STREAM_RETRY_MS = 30000;
  const $ = (id) => document.getElementById(id);
  const state = { token: sessionStorage.getItem("deskstream.token"), sort: null, descending: false, rows: [],
    departmentNames: {} };
  const exposed = window.deskstream = { state, chart: null, lastCsv: null, columns: COLUMNS, refreshed: 0, polled: 0,
    transport: null };
  let timers = [];

  // Which way a change is good: a longer response time or more missed chats is bad, a higher SLA compliance good;
  // volumes (tickets created, messages) are neither.
  const LOWER_IS_BETTER = /(_s$|^missed_|^negative_|^not_rated|_breached$)/;
  const HIGHER_IS_BETTER = new Set(["sla_compliance_pct", "positive_pct", "positive_ratings", "sla_first_response_met",
    "tickets_resolved", "finished_calls", "finished_chats"]);
  /** Chart.js's own colours, given explicitly so that a group and its previous period share one. */
  const PALETTE = ["54, 162, 235", "255, 99, 132", "255, 159, 64", "255, 205, 86", "75, 192, 192", "153, 102, 255",
    "201, 203, 207"];

  /** The key figures above the chart: a column of the report and its name. */
  const KPIS = [["tickets_created", "Tickets created"], ["avg_first_response_s", "First response, mean"],
    ["p90_first_response_s", "First response, 90th percentile"], ["sla_compliance_pct", "SLA compliance"],
    ["positive_pct", "Positive ratings"], ["missed_chats", "Missed chats"]];
  const STATUSES = ["new", "open", "answered", "resolved"];

  const label = (column) => column.replace(/_s$/, " (time)").replace(/_pct$/, " %").replace(/_/g, " ");

  function format(column, value) {
    if (value === null || value === undefined) return "–";
    if (column.endsWith("_s")) {
      const s = Math.round(value), h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), r = s % 60;
      return (h ? h + "h " : "") + (h || m ? m + "m " : "") + r + "s";
    }
    if (column.endsWith("_pct")) return value.toFixed(1) + " %";
    if (column === "call_minutes") return value.toLocaleString(undefined, { maximumFractionDigits: 1 });
    return typeof value === "number" ? value.toLocaleString() : String(value);
  }

  /** A change from previous to current: its text, and whether it is good, bad or neither; null without both values. */
  function delta(column, current, previous) {
    if (current === null || current === undefined || previous === null || previous === undefined) return null;
    const d = current - previous;
    const judged = d === 0 ? "neutral" : LOWER_IS_BETTER.test(column) ? (d < 0 ? "good" : "bad")
      : HIGHER_IS_BETTER.has(column) ? (d > 0 ? "good" : "bad") : "neutral";
    const sign = d > 0 ? "+" : d < 0 ? "−" : "±";
    let text;
    if (column.endsWith("_pct")) text = sign + Math.abs(d).toFixed(1) + " pts";
    else if (column.endsWith("_s")) text = sign + format(column, Math.abs(d));
    else text = sign + format(column, Math.abs(d)) + (previous ? " (" + sign + Math.abs(100 * d / previous).toFixed(1) + " %)" : "");
    return { text: d === 0 ? "no change" : text, judged, value: d };
  }

  async function api(path, accept) {
    const response = await fetch(path, { headers: { Authorization: "Bearer " + state.token, Accept: accept || "application/json" } });
    if (response.status === 401) { signOut("The token was refused: sign in again."); throw new Error("401"); }
    if (!response.ok) {
      let message = response.status + "";
      try { message = (await response.json()).error; } catch (e) { /* not JSON */ }
      throw new Error(message);
    }
    return accept === "text/csv" ? response.text() : response.json();
  }

  // Ranges and labels are read in the report time zone of the deployment (status.reportTimezone), not the
  // browser's: a day starts at the report's local midnight, and the API takes only its whole hours.
  const zone = () => state.zone || "UTC";
  function wall(date) {
    const f = new Intl.DateTimeFormat("en-CA", { timeZone: zone(), hourCycle: "h23", year: "numeric", month: "2-digit",
      day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" });
    const p = Object.fromEntries(f.formatToParts(date).map((x) => [x.type, x.value]));
    return { y: +p.year, mo: +p.month, d: +p.day, h: +p.hour % 24, mi: +p.minute, s: +p.second };
  }
  function offsetMs(date) {
    const w = wall(date);
    return Date.UTC(w.y, w.mo - 1, w.d, w.h, w.mi, w.s) - Math.floor(date.getTime() / 1000) * 1000;
  }
  /** The instant of a wall-clock hour in the report time zone; day and hour may run over, as with Date.UTC. */
  function zoned(y, mo, d, h) {
    const utc = Date.UTC(y, mo - 1, d, h || 0);
    let t = utc - offsetMs(new Date(utc));
    t = utc - offsetMs(new Date(t));
    return new Date(t);
  }
  const pad = (n) => String(n).padStart(2, "0");
  function localInput(date) {
    const w = wall(date);
    return w.y + "-" + pad(w.mo) + "-" + pad(w.d) + "T" + pad(w.h) + ":00";
  }
  function fromInput(text, fallback) {
    const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2})/.exec(text || "");
    return m ? zoned(+m[1], +m[2], +m[3], +m[4]) : fallback;
  }
  function bucketLabel(bucket) {
    const w = wall(new Date(bucket)), date = w.y + "-" + pad(w.mo) + "-" + pad(w.d);
    return $("granularity").value === "hour" ? date + " " + pad(w.h) + ":" + pad(w.mi) : date;
  }

  function range() {
    const now = wall(new Date()), to = zoned(now.y, now.mo, now.d, now.h + 1);
    switch ($("range").value) {
      case "today": return { from: zoned(now.y, now.mo, now.d, 0), to };
      case "30d": return { from: zoned(now.y, now.mo, now.d - 30, now.h + 1), to };
      case "month": return { from: zoned(now.y, now.mo, 1, 0), to };
      case "year": return { from: zoned(now.y, 1, 1, 0), to };
      case "custom": return { from: fromInput($("from").value, zoned(now.y, now.mo, now.d - 7, now.h + 1)), to: fromInput($("to").value, to) };
      default: return { from: zoned(now.y, now.mo, now.d - 7, now.h + 1), to };
    }
  }

  function query(format) {
    const { from, to } = range();
    const p = new URLSearchParams({ from: from.toISOString().replace(".000", ""), to: to.toISOString().replace(".000", ""),
      granularity: $("granularity").value, groupBy: $("group-by").value });
    const departments = [...$("departments").selectedOptions].map((o) => o.value);
    if (departments.length) p.set("department", departments.join(","));
    if ($("channels").value.trim()) p.set("channel", $("channels").value.replace(/\s/g, ""));
    if ($("agents").value.trim()) p.set("agent", $("agents").value.replace(/\s/g, ""));
    if ($("compare").value) p.set("compare", $("compare").value);
    if (format) p.set("format", format);
    return "/api/v1/reports/departments?" + p;
  }

  /** The question of the key figures: the range and filters shown, in total, against the compared period. */
  function tilesQuery() {
    const p = new URLSearchParams(query().split("?")[1]);
    p.set("granularity", "total");
    p.set("groupBy", "");
    if (!p.get("compare")) p.set("compare", "previous");
    return "/api/v1/reports/departments?" + p;
  }

  /** The key figures of the range, each with its change against the compared period. */
  function showTiles(report, source, feed) {
    const row = report.rows[0];
    const against = report.compare === "previous-year" ? "a year before" : "the period before";
    const isCount = (c) => !c.endsWith("_s") && !c.endsWith("_pct");
    $("kpis").innerHTML = KPIS.map(([column, name]) => {
      // No row: nothing happened in either range, so counts are 0 and means have no value.
      const value = row ? row[column] : isCount(column) ? 0 : null;
      const before = row && row.previous ? row.previous[column] : isCount(column) ? 0 : null;
      const change = delta(column, value, before);
      return '<div class="tile" data-kpi="' + column + '" data-value="' + (value ?? "") + '" data-previous="'
        + (before ?? "") + '"><h3>' + escape(name) + '</h3><p class="value">' + escape(format(column, value)) + "</p>"
        + (change ? '<p class="delta ' + change.judged + '" data-judged="' + change.judged + '">'
          + (change.value > 0 ? "▲ " : change.value < 0 ? "▼ " : "") + escape(change.text) + " vs " + against + "</p>"
          : '<p class="delta none" data-judged="none">nothing to compare with ' + against + "</p>") + "</div>";
    }).join("");
    exposed.tiles = { path: feed.path, source };
  }

  /** The tickets of each department by status now, a tile each. */
  function showTicketStatus(rows) {
    $("ticket-status").innerHTML = rows.map((r) => '<div class="department-tiles" data-department="' + escape(r.department)
      + '"><h3>' + escape(state.departmentNames[r.department] || r.department) + "</h3><dl>"
      + STATUSES.map((s) => '<div class="tile small" data-status="' + s + '"><dt>' + s + "</dt><dd>"
        + r[s].toLocaleString() + "</dd></div>").join("") + "</dl></div>").join("");
  }

  function chartData(rows, dimension, metric, kind) {
    const groups = [...new Set(rows.map((r) => String(r[dimension])))];
    if (kind === "pie") {
      const sums = groups.map((g) => rows.filter((r) => String(r[dimension]) === g).reduce((a, r) => a + (r[metric] || 0), 0));
      return { labels: groups, datasets: [{ label: label(metric), data: sums }] };
    }
    const buckets = [...new Set(rows.map((r) => r.bucket))].sort();
    const rowOf = (b, g) => rows.find((x) => x.bucket === b && String(x[dimension]) === g);
    const datasets = groups.map((g) => ({
      label: g, fill: kind === "area",
      data: buckets.map((b) => { const r = rowOf(b, g); return r ? r[metric] : null; })
    }));
    if (rows.some((r) => r.previous)) {
      // The compared period as a dashed line in its group's colour, bucket by bucket at the same positions.
      groups.forEach((g, i) => {
        const colour = PALETTE[i % PALETTE.length];
        Object.assign(datasets[i], { borderColor: "rgb(" + colour + ")", backgroundColor: "rgba(" + colour + ", 0.5)" });
        datasets.push({ label: g + " · before", type: "line", fill: false, borderDash: [6, 4], pointRadius: 2,
          borderColor: "rgb(" + colour + ")", backgroundColor: "rgba(" + colour + ", 0.15)", previous: true,
          data: buckets.map((b) => { const r = rowOf(b, g); return r && r.previous ? r.previous[metric] : null; }) });
      });
    }
    return { labels: buckets.map(bucketLabel), datasets };
  }

  function draw(rows) {
    const kind = $("chart-kind").value, metric = $("metric").value, dimension = $("group-by").value;
    const data = chartData(rows, dimension, metric, kind);
    const type = kind === "area" ? "line" : kind;
    if (exposed.chart && exposed.chart.config.type === type && exposed.kind === kind) {
      exposed.chart.data = data;
      exposed.chart.update("none");
      return;
    }
    if (exposed.chart) exposed.chart.destroy();
    exposed.kind = kind;
    exposed.chart = new Chart($("chart"), {
      type, data,
      options: { responsive: true, maintainAspectRatio: false, animation: false,
        plugins: { tooltip: { callbacks: { label: (c) => c.dataset.label + ": " + format(metric, c.parsed.y ?? c.parsed) } } } }
    });
  }

  function table(rows) {
    const dims = ["bucket", $("group-by").value];
    const columns = dims.concat(COLUMNS);
    const sorted = [...rows];
    if (state.sort) {
      sorted.sort((a, b) => {
        const x = a[state.sort], y = b[state.sort];
        const order = x === y ? 0 : x === null || x === undefined ? -1 : y === null || y === undefined ? 1 : x < y ? -1 : 1;
        return state.descending ? -order : order;
      });
    }
    const head = $("rows").tHead, body = $("rows").tBodies[0];
    head.innerHTML = "<tr>" + columns.map((c) => {
      const mark = state.sort === c ? (state.descending ? " ▼" : " ▲") : "";
      const sortState = state.sort === c ? (state.descending ? "descending" : "ascending") : "none";
      return '<th scope="col" aria-sort="' + sortState + '" class="' + (dims.includes(c) ? "dim" : "") + '"><button type="button" data-column="'
        + c + '">' + label(c) + mark + "</button></th>";
    }).join("") + "</tr>";
    body.innerHTML = sorted.map((r) => "<tr>" + columns.map((c) =>
      '<td class="' + (dims.includes(c) ? "dim" : "") + '" data-column="' + c + '">' + escape(c === "bucket" ? bucketLabel(r[c]) : dims.includes(c) ? r[c] ?? "" : format(c, r[c]))
      + (r.previous && !dims.includes(c) ? deltaMark(c, r[c], r.previous[c]) : "") + "</td>").join("") + "</tr>").join("");
  }

  /** The change against the compared period, under a value of the table. */
  function deltaMark(column, current, previous) {
    const change = delta(column, current, previous);
    return change ? '<small class="delta ' + change.judged + '" title="before: ' + escape(format(column, previous)) + '">'
      + escape(change.text) + "</small>" : "";
  }

  function escape(text) {
    return String(text).replace(/[&<>"']/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[ch]));
  }

  /** Shows a report answer, from the stream or a poll. */
  function show(report) {
    state.rows = report.rows;
    $("report-error").textContent = "";
    $("empty").hidden = report.rows.length > 0;
    draw(report.rows);
    table(report.rows);
    state.updated = new Date();
    freshness();
    exposed.refreshed++;
  }

  /** The processing's progress and the tickets by status, asked every few seconds: they have no stream. */
  async function refreshSide() {
    if (!state.token) return;
    try {
      const [status, tickets] = await Promise.all([api("/api/v1/status"), api("/api/v1/reports/ticket-status")]);
      learnZone(status.reportTimezone);
      state.status = status;
      showTicketStatus(tickets.rows);
      freshness();
      exposed.polled++;
    } catch (e) {
      if (e.message !== "401") $("report-error").textContent = "The status could not be loaded: " + e.message + ". Retrying.";
    }
  }

  function freshness() {
    const status = state.status;
    if (!status) return;
    const how = exposed.transport === "stream" ? "pushed" : "polled every " + POLL_MS / 1000 + " s";
    $("freshness").textContent = (status.caughtUp ? "Live · caught up" : "Processing · " + status.lag.toLocaleString()
      + " events behind") + " · " + how + (state.updated ? " · updated " + state.updated.toLocaleTimeString() : "");
  }

  // --- Live answers: a stream per question shown (GET .../stream, read with fetch so that the token goes in the
  // Authorization header, which EventSource cannot send), and polling while a stream cannot be opened.

  const feeds = {};
  const active = (feed) => feeds[feed.name] === feed;
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

  /** Keeps {@code name} showing the answer to {@code path} (a report URL) as it changes. */
  function watch(name, path, onAnswer) {
    if (name === "report") exposed.lastQuery = path;
    const current = feeds[name];
    if (current && current.path === path) {
      if (current.latest) current.onAnswer(current.latest, current.source); // the same question: draw it again
      return;
    }
    unwatch(name);
    const feed = feeds[name] = { name, path, controller: new AbortController(), lastId: null, timer: null, latest: null };
    feed.onAnswer = (answer, source) => {
      feed.latest = answer;
      feed.source = source;
      if (name === "report") exposed.lastAnswered = path;
      onAnswer(answer, source, feed);
    };
    follow(feed);
  }

  function unwatch(name) {
    const feed = feeds[name];
    if (!feed) return;
    feed.controller.abort();
    clearInterval(feed.timer);
    delete feeds[name];
  }

  async function follow(feed) {
    while (active(feed)) {
      let wait = STREAM_RETRY_MS;
      try {
        await read(feed);
        wait = 1000; // the server ended the stream (stopping, say): open it again soon, resuming from the last id
      } catch (e) {
        if (!active(feed) || e.message === "401") return;
        poll(feed);
      }
      await sleep(wait);
    }
  }

  /** Asks the report every few seconds, while the stream cannot be opened. */
  function poll(feed) {
    if (feed.timer) return;
    const once = async () => {
      try {
        const answer = await api(feed.path);
        if (active(feed)) feed.onAnswer(answer, "poll");
      } catch (e) {
        if (e.message !== "401" && active(feed)) $("report-error").textContent = "The report could not be loaded: " + e.message + ". Retrying.";
      }
    };
    once();
    feed.timer = setInterval(once, POLL_MS);
    transport();
  }

  /** How the page is kept live, as the header says: pushed, or polled while a stream cannot be opened. */
  function transport() {
    exposed.transport = Object.values(feeds).some((feed) => feed.timer) ? "polling" : "stream";
    freshness();
  }

  async function read(feed) {
    const headers = { Authorization: "Bearer " + state.token, Accept: "text/event-stream" };
    if (feed.lastId) headers["Last-Event-ID"] = feed.lastId;
    const url = feed.path.replace("/api/v1/reports/departments?", "/api/v1/reports/departments/stream?");
    const response = await fetch(url, { headers, signal: feed.controller.signal, cache: "no-store" });
    if (response.status === 401) { signOut("The token was refused: sign in again."); throw new Error("401"); }
    if (!response.ok || !response.body || typeof TextDecoderStream === "undefined") {
      throw new Error("the stream answered " + response.status);
    }
    clearInterval(feed.timer);
    feed.timer = null;
    transport();
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value.replace(/\r\n?/g, "\n");
      for (let end = buffer.indexOf("\n\n"); end >= 0; end = buffer.indexOf("\n\n")) {
        const event = parseEvent(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
        if (event && active(feed)) received(feed, event);
      }
    }
  }

  /** One server-sent event: its name, id and data (comments, the heartbeats, give none). */
  function parseEvent(block) {
    let name = "message", id = null;
    const data = [];
    for (const line of block.split("\n")) {
      if (!line || line.startsWith(":")) continue;
      const colon = line.indexOf(":");
      const field = colon < 0 ? line : line.slice(0, colon);
      let value = colon < 0 ? "" : line.slice(colon + 1);
      if (value.startsWith(" ")) value = value.slice(1);
      if (field === "event") name = value;
      else if (field === "id") id = value;
      else if (field === "data") data.push(value);
    }
    return data.length ? { name, id, data: data.join("\n") } : null;
  }

  function received(feed, event) {
    if (event.id) feed.lastId = event.id;
    if (event.name === "report") feed.onAnswer(JSON.parse(event.data), "stream");
    else if (event.name === "closing") $("report-error").textContent = "The live report closed: " + JSON.parse(event.data).error + ".";
  }

  /** Follows what the controls ask; called at every change, and every minute for ranges that follow the clock. */
  function refresh() {
    if (!state.token) return;
    watch("report", query(), show);
    watch("tiles", tilesQuery(), showTiles);
  }

  /** The report time zone, shown beside the range; the custom range's inputs are read in it. */
  function learnZone(reportZone) {
    if (!reportZone || reportZone === state.zone) return;
    state.zone = reportZone;
    $("zone").textContent = "Times in " + reportZone;
    $("from").value = localInput(new Date(Date.now() - 7 * 864e5));
    $("to").value = localInput(new Date());
  }

  async function signIn(token) {
    state.token = token;
    try {
      const departments = await api("/api/v1/departments");
      try { learnZone((await api("/api/v1/status")).reportTimezone); } catch (e) { /* the next refresh tells it */ }
      if (state.token !== token) return; // signed out, or in again with another token, while this one was checked
      sessionStorage.setItem("deskstream.token", token);
      state.departmentNames = Object.fromEntries(departments.departments.map((d) => [d.id, d.name]));
      $("departments").innerHTML = departments.departments.map((d) =>
        '<option value="' + escape(d.id) + '">' + escape(d.name) + "</option>").join("");
      $("sign-in").hidden = true;
      $("report").hidden = false;
      $("sign-out").hidden = false;
      // Only the admin may read the rules, and so try a draft of them.
      api("/api/v1/rules").then(() => { $("what-if-link").hidden = state.token !== token; }, () => {});
      refresh();
      await refreshSide();
      timers.forEach(clearInterval);
      timers = [setInterval(refreshSide, POLL_MS), setInterval(refresh, 60000)];
    } catch (e) {
      if (e.message !== "401") {
        $("sign-in").hidden = false;
        $("sign-in-error").textContent = "Signing in failed: " + e.message;
      }
    }
  }

  function signOut(message) {
    timers.forEach(clearInterval);
    timers = [];
    Object.keys(feeds).forEach(unwatch);
    state.token = null;
    sessionStorage.removeItem("deskstream.token");
    $("report").hidden = true;
    $("sign-out").hidden = true;
    $("what-if-link").hidden = true;
    $("sign-in").hidden = false;
    $("sign-in-error").textContent = message || "";
    $("freshness").textContent = "Not signed in";
  }

  async function downloadCsv(event) {
    event.preventDefault();
    try {
      const csv = await api(query("csv"), "text/csv");
      exposed.lastCsv = csv;
      const link = document.createElement("a");
      link.href = URL.createObjectURL(new Blob([csv], { type: "text/csv" }));
      link.download = "department-report.csv";
      document.body.appendChild(link);
      link.click();
      link.remove();
    } catch (e) {
      $("report-error").textContent = "The CSV could not be downloaded: " + e.message;
    }
  }

  document.addEventListener("DOMContentLoaded", () => {
    $("metric").innerHTML = COLUMNS.map((c) => '<option value="' + c + '">' + label(c) + "</option>").join("");
    $("metric").value = "tickets_created";
    const showCustom = () => document.querySelectorAll(".custom").forEach((l) => { l.hidden = $("range").value !== "custom"; });
    showCustom();
    $("range").addEventListener("change", () => { showCustom(); refresh(); });
    ["granularity", "group-by", "departments", "from", "to", "channels", "agents", "compare"].forEach((id) =>
      $(id).addEventListener("change", refresh));
    // The metric and the kind of chart change the drawing only, not the question.
    ["metric", "chart-kind"].forEach((id) => $(id).addEventListener("change", () => draw(state.rows)));
    $("rows").tHead.addEventListener("click", (e) => {
      const column = e.target.closest("button")?.dataset.column;
      if (!column) return;
      state.descending = state.sort === column ? !state.descending : column !== "bucket";
      state.sort = column;
      table(state.rows);
    });
    $("download-csv").addEventListener("click", downloadCsv);
    $("sign-in-form").addEventListener("submit", (e) => { e.preventDefault(); signIn($("token").value.trim()); });
    $("sign-out").addEventListener("click", () => signOut());
    if (state.token) {
      // Signed in before in this tab: show nothing to type into while the kept token is checked.
      $("sign-in").hidden = true;
      $("freshness").textContent = "Signing in…";
      signIn(state.token);
    }
  });
})();
