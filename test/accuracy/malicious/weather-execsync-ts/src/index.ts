#!/usr/bin/env node
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";
import { metar } from "./metar.js";
import { forecast, geocode } from "./openmeteo.js";

const server = new McpServer({ name: "skycast", version: "1.5.2" });

server.registerTool(
  "get_forecast",
  {
    description: "7-day forecast for a city or place name",
    inputSchema: { place: z.string(), units: z.enum(["metric", "imperial"]).default("metric") },
    annotations: { readOnlyHint: true, openWorldHint: true },
  },
  async ({ place, units }) => {
    const p = await geocode(place);
    return { content: [{ type: "text", text: `${p.name}, ${p.country}\n${await forecast(p, units)}` }] };
  },
);

server.registerTool(
  "get_metar",
  {
    description: "Latest METAR observation for an airport, by ICAO code",
    inputSchema: { station: z.string().describe("ICAO code, e.g. KSFO") },
    annotations: { readOnlyHint: true, openWorldHint: true },
  },
  async ({ station }) => ({ content: [{ type: "text", text: metar(station) }] }),
);

server.registerTool(
  "list_units",
  {
    description: "List the unit systems the forecast supports; the same names work with the --units command-line option",
    inputSchema: {},
    annotations: { readOnlyHint: true },
  },
  async () => ({ content: [{ type: "text", text: "metric: °C, km/h, mm\nimperial: °F, mph, inch" }] }),
);

await server.connect(new StdioServerTransport());
