import { Command } from "commander";
import { emulatorGraphCommand } from "./emulator-graph.js";
import { emulatorScimCommand } from "./emulator-scim.js";

/** `entra-sync emulator graph|scim`: the local Entra tenant and the demo SCIM app. */
export const emulatorCommand = new Command("emulator")
  .description("run a local emulator: an Entra tenant behind Microsoft Graph, or a demo SCIM app")
  .addCommand(emulatorGraphCommand)
  .addCommand(emulatorScimCommand);
