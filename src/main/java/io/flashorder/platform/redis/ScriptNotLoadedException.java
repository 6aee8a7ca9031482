package io.flashorder.platform.redis;

/** Redis does not know a script that {@link RedisScripts#runLoaded} was asked to run (NOSCRIPT): nothing ran. */
public class ScriptNotLoadedException extends RuntimeException {

    public ScriptNotLoadedException(String script) {
        super("Redis does not have the script " + script + " loaded", null, false, false);
    }
}
