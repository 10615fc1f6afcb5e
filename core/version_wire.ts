/**
 * The wire format of the runtime version inventory: `sase version -j`
 * (`schema_version` 1), as the CLI prints it and the gateway will send it.
 *
 * @module
 */

import type { GitInfo, PackageInfo, RuntimeInfo, VersionInventory } from "./version_inventory.ts";

/** `sase version -j`. */
export interface VersionInventoryWire {
  schema_version: 1;
  runtime: {
    sase: string;
    deno: string;
    v8: string;
    typescript: string;
    build_mode: RuntimeInfo["buildMode"];
    target: string;
    os: string;
    arch: string;
  };
  packages: PackageInfo[];
  install: {
    exec_path: string;
    main_module: string;
    source_dir: string | null;
    git: GitInfo | null;
  };
}

/** The inventory in wire form. */
export function versionInventoryWire(inventory: VersionInventory): VersionInventoryWire {
  const { runtime, install } = inventory;
  return {
    schema_version: 1,
    runtime: {
      sase: runtime.sase,
      deno: runtime.deno,
      v8: runtime.v8,
      typescript: runtime.typescript,
      build_mode: runtime.buildMode,
      target: runtime.target,
      os: runtime.os,
      arch: runtime.arch,
    },
    packages: inventory.packages.map((pkg) => ({
      name: pkg.name,
      role: pkg.role,
      version: pkg.version,
      location: pkg.location,
    })),
    install: {
      exec_path: install.execPath,
      main_module: install.mainModule,
      source_dir: install.sourceDir,
      git: install.git,
    },
  };
}
