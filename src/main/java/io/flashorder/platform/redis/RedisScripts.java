package io.flashorder.platform.redis;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.inject.Singleton;

import java.util.List;

/** Runs Lua scripts atomically: EVALSHA first, EVAL (which also caches the script) when Redis does not know it. */
@Singleton
public class RedisScripts {

    private final ReactiveRedisDataSource redis;
    private final RedisPrimaries primaries;

    public RedisScripts(ReactiveRedisDataSource redis, RedisPrimaries primaries) {
        this.redis = redis;
        this.primaries = primaries;
    }

    /** Runs the script; its answer is emitted on the caller's event-loop context (CallerContext). */
    public Uni<Response> run(LuaScript script, List<String> keys, List<String> args) {
        return CallerContext.emitOnCaller(redis.execute(Command.EVALSHA, arguments(script.sha1(), keys, args))
                .onFailure(RedisScripts::isNoScript)
                .recoverWithUni(() -> redis.execute(Command.EVAL, arguments(script.source(), keys, args))));
    }

    /**
     * Runs a script only if Redis has it loaded; fails with {@link ScriptNotLoadedException} otherwise, without
     * loading it. Redis forgets every script when it restarts (scripts are neither persisted nor replicated), which
     * makes this the cheapest way to notice a restart before the first write reaches the restarted server.
     */
    public Uni<Response> runLoaded(LuaScript script, List<String> keys, List<String> args) {
        return CallerContext.emitOnCaller(redis.execute(Command.EVALSHA, arguments(script.sha1(), keys, args))
                .onFailure(RedisScripts::isNoScript).transform(failure -> new ScriptNotLoadedException(script.name())));
    }

    /**
     * SCRIPT LOAD: Redis knows the script from now on (until it restarts or its scripts are flushed). A cluster caches
     * scripts per node, and the command has no key to route it by: every primary gets it.
     */
    public Uni<Void> load(LuaScript script) {
        return primaries.onEach(() -> Request.cmd(Command.SCRIPT).arg("LOAD").arg(script.source()));
    }

    private static boolean isNoScript(Throwable failure) {
        return failure.getMessage() != null && failure.getMessage().startsWith("NOSCRIPT");
    }

    private static String[] arguments(String scriptOrSha, List<String> keys, List<String> args) {
        String[] all = new String[2 + keys.size() + args.size()];
        all[0] = scriptOrSha;
        all[1] = Integer.toString(keys.size());
        int i = 2;
        for (String key : keys) {
            all[i++] = key;
        }
        for (String arg : args) {
            all[i++] = arg;
        }
        return all;
    }
}
