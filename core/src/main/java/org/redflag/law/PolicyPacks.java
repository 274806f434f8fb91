package org.redflag.law;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.redflag.source.InputProblem;
import org.redflag.source.InvalidInputException;
import org.redflag.source.SourceDocument;

/**
 * The policy packs shipped with Redflag ({@code CN}, {@code EU}, {@code US}) and custom packs read from files.
 * A pack that breaks its schema, or names a provision it does not define, is refused with the file, line and field.
 */
public final class PolicyPacks {

    /** The ids of the packs shipped in the jar, in the order they are listed. */
    public static final List<String> BUILT_IN = List.of("CN", "EU", "US");

    /** Largest pack file read, in bytes: a pack is a page or two of YAML. */
    public static final long MAX_PACK_BYTES = 1 << 20;

    private final Map<String, PolicyPack> packs = new java.util.concurrent.ConcurrentHashMap<>();

    private PolicyPacks() {
    }

    /** The shipped packs, each read on first use; a broken shipped pack is a build error, so this fails loudly. */
    public static PolicyPacks builtIn() {
        return BuiltIn.INSTANCE;
    }

    private static final class BuiltIn {
        static final PolicyPacks INSTANCE = new PolicyPacks();
    }

    /**
     * A shipped pack's text. The build's tests read every shipped pack through the schema and every check
     * ({@link #read}); at run time a shipped pack skips the schema (a fifth of a second of a cold start, for a
     * command that screens a feed) but not the checks after it.
     */
    static String shippedText(String id) {
        String resource = "/org/redflag/law/packs/" + id + ".yaml";
        try (InputStream in = PolicyPacks.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("shipped pack missing from the class path: " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private PolicyPack shipped(String id) {
        return packs.computeIfAbsent(id, x -> {
            try {
                return PackReader.readShipped(id + ".yaml", shippedText(id), "built-in " + id + ".yaml");
            } catch (InvalidInputException e) {
                throw new IllegalStateException("shipped pack " + id + " is invalid:\n" + e.getMessage(), e);
            }
        });
    }

    /** The shipped pack with this id. */
    public Optional<PolicyPack> find(String id) {
        return BUILT_IN.contains(id) ? Optional.of(shipped(id)) : Optional.empty();
    }

    public List<PolicyPack> all() {
        List<PolicyPack> list = new ArrayList<>();
        BUILT_IN.forEach(id -> list.add(shipped(id)));
        return list;
    }

    /** Reads a custom pack from a YAML (or JSON) file. */
    public static PolicyPack readFile(Path file) throws InvalidInputException {
        String name = file.toString();
        try {
            if (!Files.isRegularFile(file)) {
                throw new InvalidInputException(new InputProblem(name, 0, "$", Files.isDirectory(file)
                        ? "is a directory, not a pack file" : "no such file"));
            }
            if (Files.size(file) > MAX_PACK_BYTES) {
                throw new InvalidInputException(new InputProblem(name, 0, "$",
                        "file is " + Files.size(file) + " bytes; a pack may have at most " + MAX_PACK_BYTES));
            }
            String text = Files.readString(file, StandardCharsets.UTF_8);
            return PackReader.read(name, text, file.toAbsolutePath().toString());
        } catch (java.nio.charset.MalformedInputException e) {
            throw new InvalidInputException(new InputProblem(name, 0, "$", "not UTF-8 text"));
        } catch (IOException e) {
            throw new InvalidInputException(new InputProblem(name, 0, "$", "cannot read: " + e.getMessage()));
        }
    }

    /** Reads a pack from text; {@code name} names it in messages. */
    public static PolicyPack read(String name, String text) throws InvalidInputException {
        return PackReader.read(name, text, name);
    }

    /**
     * The pack a user asked for: a shipped id, or else a path to a pack file.
     *
     * @throws InvalidInputException naming the option when neither fits
     */
    public PolicyPack resolve(String idOrFile) throws InvalidInputException {
        Optional<PolicyPack> pack = find(idOrFile);
        if (pack.isPresent()) {
            return pack.get();
        }
        Path file = Path.of(idOrFile);
        if (Files.exists(file)) {
            return readFile(file);
        }
        throw new InvalidInputException(new InputProblem(idOrFile, 0, "--policy",
                "no shipped pack has this id and no such file exists; shipped packs: " + String.join(", ", BUILT_IN)));
    }
}
