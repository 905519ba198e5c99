"use client";
// A client component: the package's browser build, initialised in the page, validates there.
import { useEffect, useState } from "react";
import * as api from "smart-invite";
import { runSmoke } from "../smoke/smoke.mjs";

export function ClientCheck() {
  const [report, setReport] = useState("");
  useEffect(() => {
    api
      .init()
      .then(() => runSmoke(api, { runtime: "next-client-component", browser: true, parts: ["core"] }))
      .then(
        (r) => setReport(JSON.stringify(r)),
        (e) => setReport(`failed: ${e}`),
      );
  }, []);
  return <pre id="client-component">{report}</pre>;
}
