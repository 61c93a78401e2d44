import { Command } from 'commander';
import { type AdminCommandOptions, withAdminOptions, withKeyAdmin } from './admin-options.js';

/**
 * `modelwatch projects create|list`. Through a running server this needs an admin key of the
 * `default` project; a new project comes with its first admin key, printed once.
 */
export function projectsCommand(out: (text: string) => void): Command {
  const projects = new Command('projects').description('create and list projects (tenants)');

  withAdminOptions(
    projects
      .command('create')
      .description('create a project and print its first admin key once')
      .argument('<id>', 'project id: lower-case letters, digits and -')
      .option('--name <name>', 'display name (default: the id)')
      .option('--json', 'print the project and key as JSON'),
  ).action(async (id: string, opts: AdminCommandOptions & { name?: string; json?: boolean }) => {
    await withKeyAdmin(opts, async ({ admin }) => {
      const created = await admin.createProject(id, opts.name);
      if (opts.json) {
        out(`${JSON.stringify(created, null, 2)}\n`);
        return;
      }
      out(
        `created project ${created.project.id} ("${created.project.name}") and its admin key ${created.adminKey.key.id}\n` +
          `secret (shown only this once; modelwatch stores its hash):\n${created.adminKey.secret}\n`,
      );
    });
  });

  withAdminOptions(projects.command('list').description('list projects').option('--json', 'print JSON')).action(
    async (opts: AdminCommandOptions & { json?: boolean }) => {
      await withKeyAdmin(opts, async ({ admin }) => {
        const list = await admin.listProjects();
        out(
          opts.json
            ? `${JSON.stringify(list, null, 2)}\n`
            : list.map((p) => `${p.id}\t${p.name}\t${new Date(p.createdAt).toISOString()}\n`).join(''),
        );
      });
    },
  );

  return projects;
}
