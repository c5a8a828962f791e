package io.sotto.config;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The live settings as the config file's tree ({@code company}, {@code numbers}, {@code users}),
 * so that a stored document and an admin's change are checked by the same binders as the file,
 * with the same one-line messages naming the same keys ({@code numbers[0].control: unknown value
 * "sometimes" (expected always, pause_resume, on_demand, on_demand_full)}).
 */
public final class SettingsTree {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private SettingsTree() {
    }

    /** A change checked and bound: the new snapshot and the changed entry's live keys before and after. */
    public record Edit(Settings settings, ObjectNode before, ObjectNode after) {
        public boolean changesNothing() {
            return before.equals(after);
        }
    }

    /** Binds {@code company}, {@code numbers} and {@code users} of a config tree, checking each key. */
    static Settings bind(ConfigNode root) {
        CompanyConfig company = CompanyBinder.company(root.get("company"));
        List<NumberConfig> numbers = NumberBinder.numbers(root.get("numbers"));
        List<UserConfig> users = UserBinder.users(root.get("users"));
        NumberBinder.checkUsers(root.get("numbers"), numbers, users);
        return new Settings(company, numbers, users);
    }

    /** One document per company, number and user of {@code seed}: what a first start stores. */
    public static List<SettingsDocument> documentsOf(Settings seed) {
        List<SettingsDocument> documents = new ArrayList<>();
        documents.add(new SettingsDocument(SettingsScope.COMPANY, SettingsDocument.COMPANY_KEY, document(seed.company())));
        for (NumberConfig number : seed.numbers()) {
            documents.add(new SettingsDocument(SettingsScope.NUMBER, number.number(), document(number)));
        }
        for (UserConfig user : seed.users()) {
            documents.add(new SettingsDocument(SettingsScope.USER, user.id(), document(user)));
        }
        return documents;
    }

    /**
     * The config file's settings with the stored documents laid over them: the company's, and those
     * of the numbers and users the file lists (the file says which exist, and who a user is).
     *
     * @throws ConfigException naming the key, if a stored document no longer fits the file (e.g. a
     *                         number rings a user the file no longer has)
     */
    public static Settings compose(Settings file, Map<SettingsScope, Map<String, ObjectNode>> stored) {
        ObjectNode tree = treeOf(file);
        ObjectNode company = stored.getOrDefault(SettingsScope.COMPANY, Map.of()).get(SettingsDocument.COMPANY_KEY);
        if (company != null) {
            tree.set("company", company.deepCopy());
        }
        layOver((ArrayNode) tree.get("numbers"), "number", SettingsScope.NUMBER,
                stored.getOrDefault(SettingsScope.NUMBER, Map.of()));
        layOver((ArrayNode) tree.get("users"), "id", SettingsScope.USER,
                stored.getOrDefault(SettingsScope.USER, Map.of()));
        return bind(ConfigNode.root(tree));
    }

    /**
     * {@code change} laid over the live keys of one entry of {@code current} as a config file is laid
     * over the defaults (mappings merge, lists replace, null unsets an optional key), then the whole
     * checked as the file would be.
     *
     * @throws NoSuchElementException if there is no such number or user
     * @throws ConfigException        naming the key, if the change is not valid
     */
    public static Edit edit(Settings current, SettingsScope scope, String key, JsonNode change) {
        ObjectNode tree = treeOf(current);
        String path;
        ObjectNode entry;
        if (scope == SettingsScope.COMPANY) {
            path = "company";
            entry = (ObjectNode) tree.get("company");
        } else {
            ArrayNode list = (ArrayNode) tree.get(scope == SettingsScope.NUMBER ? "numbers" : "users");
            int index = indexOf(list, scope == SettingsScope.NUMBER ? "number" : "id", key);
            if (index < 0) {
                throw new NoSuchElementException("There is no " + scope.label() + " " + key + " in the config.");
            }
            path = (scope == SettingsScope.NUMBER ? "numbers[" : "users[") + index + "]";
            entry = (ObjectNode) list.get(index);
        }
        ConfigNode given = ConfigNode.at(path, change);
        if (!given.isAbsent() && change.isObject()) {
            for (Iterator<String> names = change.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (scope.fileKeys().contains(name)) {
                    throw given.get(name).fail("is set in the config file only, not while Sotto runs");
                }
            }
        }
        given.mapping(scope.liveKeys().toArray(String[]::new));
        ObjectNode before = liveKeysOf(entry, scope);
        ObjectNode merged = (ObjectNode) TreeMerge.merge(before, change);
        entry.setAll(merged);
        Settings next = bind(ConfigNode.root(tree));
        return new Edit(next, before, documentOf(next, scope, key));
    }

    /** The stored document of one entry of {@code settings}. */
    public static ObjectNode documentOf(Settings settings, SettingsScope scope, String key) {
        return switch (scope) {
            case COMPANY -> document(settings.company());
            case NUMBER -> document(settings.number(key));
            case USER -> document(settings.user(key).orElseThrow());
        };
    }

    /** A number as the API shows it: the number and its live keys. */
    public static ObjectNode view(NumberConfig number) {
        ObjectNode view = NODES.objectNode().put("number", number.number());
        view.setAll(document(number));
        return view;
    }

    /** A user as the API shows it: who they are (read-only) and their live keys; never the token. */
    public static ObjectNode view(UserConfig user) {
        ObjectNode view = NODES.objectNode()
                .put("id", user.id())
                .put("extension", user.extension())
                .put("role", spelling(user.role()));
        view.setAll(document(user));
        return view;
    }

    public static ObjectNode document(CompanyConfig company) {
        ObjectNode document = NODES.objectNode();
        document.set("record", NODES.objectNode()
                .put("inbound", company.record().inbound())
                .put("outbound", company.record().outbound())
                .put("internal", company.record().internal()));
        document.put("control", spelling(company.control()));
        document.set("dtmf", NODES.objectNode()
                .put("pause", company.dtmf().pause())
                .put("resume", company.dtmf().resume())
                .put("inter_digit_ms", company.dtmf().interDigitMs())
                .put("feedback", company.dtmf().feedback()));
        document.put("transfer", spelling(company.transfer()));
        document.put("visibility", spelling(company.visibility()));
        document.put("play", spelling(company.play()));
        document.put("download", company.download());
        document.put("max_pause", company.maxPauseSeconds());
        return document;
    }

    public static ObjectNode document(NumberConfig number) {
        ObjectNode document = NODES.objectNode();
        document.put("record", number.record());
        document.put("control", spelling(number.control()));
        document.set("users", strings(number.users()));
        document.set("groups", strings(number.groups()));
        return document;
    }

    public static ObjectNode document(UserConfig user) {
        ObjectNode document = NODES.objectNode();
        document.put("name", user.name());
        document.set("groups", strings(user.groups() == null ? List.of() : user.groups()));
        document.put("control", spelling(user.control()));
        document.put("visibility", spelling(user.visibility()));
        document.put("play", spelling(user.play()));
        document.put("download", user.download());
        return document;
    }

    /** The whole of {@code settings} as a config tree, tokens included: for binding only, never shown. */
    private static ObjectNode treeOf(Settings settings) {
        ObjectNode tree = NODES.objectNode();
        tree.set("company", document(settings.company()));
        ArrayNode numbers = tree.putArray("numbers");
        for (NumberConfig number : settings.numbers()) {
            ObjectNode entry = NODES.objectNode().put("number", number.number());
            entry.setAll(document(number));
            numbers.add(entry);
        }
        ArrayNode users = tree.putArray("users");
        for (UserConfig user : settings.users()) {
            ObjectNode entry = NODES.objectNode().put("id", user.id());
            if (user.extension() != null) {
                entry.put("extension", user.extension());
            }
            entry.put("role", spelling(user.role()));
            if (user.tokenSha256() != null) {
                entry.put("token_sha256", user.tokenSha256());
            }
            entry.setAll(document(user));
            users.add(entry);
        }
        return tree;
    }

    private static void layOver(ArrayNode entries, String keyField, SettingsScope scope, Map<String, ObjectNode> stored) {
        for (JsonNode entry : entries) {
            ObjectNode document = stored.get(entry.get(keyField).textValue());
            if (document != null) {
                for (String key : scope.liveKeys()) {
                    ((ObjectNode) entry).set(key, document.has(key) ? document.get(key).deepCopy() : NODES.nullNode());
                }
            }
        }
    }

    private static ObjectNode liveKeysOf(ObjectNode entry, SettingsScope scope) {
        ObjectNode live = NODES.objectNode();
        for (String key : scope.liveKeys()) {
            live.set(key, entry.has(key) ? entry.get(key).deepCopy() : NODES.nullNode());
        }
        return live;
    }

    private static int indexOf(ArrayNode list, String keyField, String key) {
        for (int i = 0; i < list.size(); i++) {
            if (key.equals(list.get(i).path(keyField).textValue())) {
                return i;
            }
        }
        return -1;
    }

    private static ArrayNode strings(List<String> values) {
        ArrayNode array = NODES.arrayNode();
        values.forEach(array::add);
        return array;
    }

    private static String spelling(Enum<?> constant) {
        return constant == null ? null : ConfigNode.spelling(constant);
    }
}
