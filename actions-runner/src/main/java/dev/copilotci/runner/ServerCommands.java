package dev.copilotci.runner;

import dev.copilotci.client.SessionMetadata;
import dev.copilotci.job.ServerProbe;
import java.util.List;

/**
 * {@code health} and {@code sessions}: looking after a shared Copilot CLI server (a container health check, a cron
 * job that prunes old sessions). Connection token from env COPILOT_CONNECTION_TOKEN.
 */
final class ServerCommands {
    private ServerCommands() {
    }

    /** One JSON line per URL; 0 when every URL is healthy, else 1. */
    static int health(RunContext ctx) {
        List<String> urls = requireUrls(ctx, "health");
        ServerProbe probe = new ServerProbe(ctx.env().get("COPILOT_CONNECTION_TOKEN"), ctx.options().health().perUrl());
        boolean allOk = true;
        for (String url : urls) {
            ServerProbe.Health h = probe.check(url);
            ctx.out().println(ctx.output().safe(h.toJson()));
            allOk &= h.ok();
        }
        return allOk ? 0 : 1;
    }

    /** {@code list}: one line per session; {@code prune}: deletes those older than --older-than, one line each. */
    static int sessions(RunContext ctx) {
        List<String> urls = requireUrls(ctx, "sessions");
        CommandOptions.Sessions o = ctx.options().sessions();
        ServerProbe probe = new ServerProbe(ctx.env().get("COPILOT_CONNECTION_TOKEN"), o.perUrl());
        for (String url : urls) {
            if (o.action().equals("list")) {
                for (SessionMetadata s : probe.sessions(url, o.prefix())) {
                    ctx.out().println(ctx.output().safe(s.sessionId() + "\t" + s.modifiedTime() + "\t"
                            + (s.detached() ? "detached" : "attached") + "\t" + url));
                }
            } else {
                if (o.olderThan() == null) {
                    throw new UsageException("sessions prune needs --older-than AGE (e.g. 2h): sessions in use are"
                            + " never that old");
                }
                List<String> deleted = probe.prune(url, o.olderThan(), o.prefix());
                deleted.forEach(id -> ctx.out().println(ctx.output().safe("deleted\t" + id + "\t" + url)));
                ctx.progress(deleted.size() + " session(s) older than " + o.olderThan() + " deleted on " + url);
            }
        }
        return 0;
    }

    private static List<String> requireUrls(RunContext ctx, String command) {
        if (ctx.options().cliUrls().isEmpty()) {
            throw new UsageException(command + " needs --cli-url HOST:PORT[,HOST:PORT…] of a shared server");
        }
        return ctx.options().cliUrls();
    }
}
