// The department report, live: signs in with a token, asks the API, draws the chosen metric, and polls.
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
  const $ = (id) => document.getElementById(id);
  const state = { token: sessionStorage.getItem("deskstream.token"), sort: null, descending: false, rows: [] };
  const exposed = window.deskstream = { state, chart: null, lastCsv: null, columns: COLUMNS, refreshed: 0 };
  let timer = null;

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
    if (format) p.set("format", format);
    return "/api/v1/reports/departments?" + p;
  }

  function chartData(rows, dimension, metric, kind) {
    const groups = [...new Set(rows.map((r) => String(r[dimension])))];
    if (kind === "pie") {
      const sums = groups.map((g) => rows.filter((r) => String(r[dimension]) === g).reduce((a, r) => a + (r[metric] || 0), 0));
      return { labels: groups, datasets: [{ label: label(metric), data: sums }] };
    }
    const buckets = [...new Set(rows.map((r) => r.bucket))].sort();
    return {
      labels: buckets.map(bucketLabel),
      datasets: groups.map((g) => ({
        label: g, fill: kind === "area",
        data: buckets.map((b) => { const r = rows.find((x) => x.bucket === b && String(x[dimension]) === g); return r ? r[metric] : null; })
      }))
    };
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
      '<td class="' + (dims.includes(c) ? "dim" : "") + '" data-column="' + c + '">' + escape(c === "bucket" ? bucketLabel(r[c]) : dims.includes(c) ? r[c] ?? "" : format(c, r[c])) + "</td>").join("") + "</tr>").join("");
  }

  function escape(text) {
    return String(text).replace(/[&<>"']/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[ch]));
  }

  async function refresh() {
    if (!state.token) return;
    try {
      exposed.lastQuery = query();
      const [report, status, tickets] = await Promise.all([api(exposed.lastQuery), api("/api/v1/status"), api("/api/v1/reports/ticket-status")]);
      learnZone(status.reportTimezone);
      state.rows = report.rows;
      $("report-error").textContent = "";
      $("empty").hidden = report.rows.length > 0;
      draw(report.rows);
      table(report.rows);
      $("ticket-status").tBodies[0].innerHTML = tickets.rows.map((r) => "<tr><td>" + escape(r.department) + "</td><td>"
        + [r.new, r.open, r.answered, r.resolved].map((n) => n.toLocaleString()).join("</td><td>") + "</td></tr>").join("");
      $("freshness").textContent = (status.caughtUp ? "Live · caught up" : "Processing · " + status.lag.toLocaleString()
        + " events behind") + " · updated " + new Date().toLocaleTimeString();
      exposed.refreshed++;
    } catch (e) {
      if (e.message !== "401") $("report-error").textContent = "The report could not be loaded: " + e.message + ". Retrying.";
    }
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
      $("departments").innerHTML = departments.departments.map((d) =>
        '<option value="' + escape(d.id) + '">' + escape(d.name) + "</option>").join("");
      $("sign-in").hidden = true;
      $("report").hidden = false;
      $("sign-out").hidden = false;
      await refresh();
      clearInterval(timer);
      timer = setInterval(refresh, POLL_MS);
    } catch (e) {
      if (e.message !== "401") {
        $("sign-in").hidden = false;
        $("sign-in-error").textContent = "Signing in failed: " + e.message;
      }
    }
  }

  function signOut(message) {
    clearInterval(timer);
    state.token = null;
    sessionStorage.removeItem("deskstream.token");
    $("report").hidden = true;
    $("sign-out").hidden = true;
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
    ["granularity", "group-by", "departments", "metric", "chart-kind", "from", "to", "channels", "agents"].forEach((id) =>
      $(id).addEventListener("change", refresh));
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
