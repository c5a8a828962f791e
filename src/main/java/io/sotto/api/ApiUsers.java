package io.sotto.api;

import java.util.Optional;

import io.netty.handler.codec.http.HttpHeaderNames;

import io.sotto.config.LiveSettings;
import io.sotto.config.Settings;
import io.sotto.config.UserConfig;

/**
 * The users of the API and what they may see, under the live settings as they are when a request
 * arrives: an admin's change of a user's visibility or a number's groups applies to the next
 * request. The tokens and visibility rules are made once per settings snapshot.
 */
final class ApiUsers {
    private final LiveSettings live;
    private volatile Rules rules;

    /** The rules of one settings snapshot. */
    record Rules(Settings settings, BearerTokens tokens, CallVisibility visibility) {
        Optional<UserConfig> userOf(ApiRequest request) {
            return tokens.userOf(request.headers().get(HttpHeaderNames.AUTHORIZATION));
        }
    }

    ApiUsers(LiveSettings live) {
        this.live = live;
    }

    Rules rules() {
        Settings now = live.current();
        Rules current = rules;
        if (current == null || current.settings() != now) {
            current = new Rules(now, new BearerTokens(now.users()),
                    new CallVisibility(now.company(), now.users(), now.numbers()));
            rules = current;
        }
        return current;
    }

    Optional<UserConfig> userOf(ApiRequest request) {
        return rules().userOf(request);
    }
}
