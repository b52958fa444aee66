package dev.berth.cli.run;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code --env-file}/{@code --label-file} and {@code -e}: docker's rules. In a file, blank lines and
 * lines starting with {@code #} are skipped, leading white space is dropped, values are kept
 * verbatim (no quote handling), and a bare {@code NAME} takes the value from the environment
 * or is left out when unset. On the command line a bare {@code -e NAME} is kept as is when unset.
 */
public final class EnvFiles {
    private EnvFiles() {}

    public static List<String> parseFile(Path file, Map<String, String> env) {
        byte[] raw;
        try {
            raw = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException("open " + file + ": no such file or directory");
        } catch (IOException e) {
            throw new ConfigException("open " + file + ": " + e.getMessage());
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(raw)).toString();
        } catch (CharacterCodingException e) {
            throw new ConfigException("env file " + file + " contains invalid utf8 bytes");
        }
        if (text.startsWith("\uFEFF")) text = text.substring(1);
        return parse(text, env);
    }

    static List<String> parse(String text, Map<String, String> env) {
        List<String> out = new ArrayList<>();
        for (String rawLine : text.split("\n", -1)) {
            String line = rawLine.endsWith("\r") ? rawLine.substring(0, rawLine.length() - 1) : rawLine;
            line = line.stripLeading();
            if (line.isEmpty() || line.startsWith("#")) continue;
            int eq = line.indexOf('=');
            String name = eq < 0 ? line : line.substring(0, eq);
            if (name.chars().anyMatch(Character::isWhitespace)) {
                throw new ConfigException("variable '" + name + "' contains whitespaces");
            }
            if (name.isEmpty()) throw new ConfigException("no variable name on line '" + line + "'");
            if (eq >= 0) {
                out.add(line);
            } else if (env.containsKey(name)) {
                out.add(name + "=" + env.get(name));
            }
        }
        return out;
    }

    /** One {@code -e} value ({@code opts.ValidateEnv}). */
    public static String fromFlag(String value, Map<String, String> env) {
        int eq = value.indexOf('=');
        String name = eq < 0 ? value : value.substring(0, eq);
        if (name.isEmpty()) throw new IllegalArgumentException("invalid environment variable: " + value);
        if (eq >= 0) return value;
        String v = env.get(name);
        return v != null ? name + "=" + v : value;
    }
}
