"use client";
// Calls the server action when its button is pressed and shows the report it returns.
import { useState } from "react";
import { smokeAction } from "./actions.js";

export function ActionCheck() {
  const [report, setReport] = useState("");
  const run = () =>
    smokeAction().then(
      (r) => setReport(JSON.stringify(r)),
      (e) => setReport(`failed: ${e}`),
    );
  return (
    <section>
      <button type="button" id="run-action" onClick={run}>
        Run the server action
      </button>
      <pre id="server-action">{report}</pre>
    </section>
  );
}
