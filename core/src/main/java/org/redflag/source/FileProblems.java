package org.redflag.source;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What is wrong with a file a user named, said plainly: an input that is missing, a directory, standard input or
 * unreadable; an output the system refuses. These are the user's to fix (exit 2), not internal errors.
 */
public final class FileProblems {

    private FileProblems() {
    }

    /** Why {@code file} cannot be read as an input file ("case.json: no such file"), or null when it can. */
    public static String input(Path file) {
        String reason = inputReason(file);
        return reason == null ? null : file + ": " + reason;
    }

    /** {@link #input} without the file's name in front ("no such file"), for messages that name it elsewhere. */
    public static String inputReason(Path file) {
        if (file.toString().equals("-")) {
            return "standard input is not read here; save it to a file and name the file";
        }
        if (Files.isDirectory(file)) {
            return "is a directory, not a file";
        }
        if (!Files.exists(file)) {
            return "no such file";
        }
        if (!Files.isRegularFile(file)) {
            return "not a regular file";
        }
        if (!Files.isReadable(file)) {
            return "permission denied";
        }
        return null;
    }

    /**
     * The first problem among a command's files: each input in turn (null ones, options not given, skipped), then
     * each output (null: standard output or not given), which must be writable and must not be one of the inputs
     * or another output (writing it would empty it before it is read); null when none has a problem.
     */
    public static String first(java.util.List<Path> inputs, Path... outputs) {
        for (Path in : inputs) {
            String problem = in == null ? null : input(in);
            if (problem != null) {
                return problem;
            }
        }
        java.util.List<Path> seen = new java.util.ArrayList<>(inputs);
        for (Path out : outputs) {
            if (out == null) {
                continue;
            }
            String problem = output(out);
            if (problem != null) {
                return problem;
            }
            for (Path other : seen) {
                if (other != null && sameRegularFile(out, other)) {
                    return out + ": is also " + (inputs.contains(other) ? "an input" : "an output") + " ("
                            + other + "); writing it would destroy it: name another file";
                }
            }
            seen.add(out);
        }
        return null;
    }

    private static boolean sameRegularFile(Path a, Path b) {
        try {
            if (Files.isRegularFile(a) && Files.isRegularFile(b)) {
                return Files.isSameFile(a, b);
            }
            return !Files.exists(a) && a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** Why {@code file} cannot be written as an output file, or null when it seems it can (checked up front). */
    public static String output(Path file) {
        Path absolute = file.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            return file + ": is a directory, not a file";
        }
        Path parent = absolute.getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            return file + ": no such directory " + parent;
        }
        if (Files.exists(absolute) ? !Files.isWritable(absolute) : parent != null && !Files.isWritable(parent)) {
            return file + ": permission denied";
        }
        return null;
    }

    /** The file and what the system said about it, or null when {@code e} has no file error in its causes. */
    public static String of(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof FileSystemException f && f.getFile() != null) {
                return f.getFile() + ": " + reason(f);
            }
        }
        return null;
    }

    /** What the system said about a file, plainly: "no such file or directory", "permission denied", ... */
    public static String reason(FileSystemException f) {
        if (f instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (f instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (f instanceof NotDirectoryException) {
            return "not a directory";
        }
        if (f instanceof FileAlreadyExistsException) {
            return "already exists";
        }
        String reason = f.getReason();
        return reason == null ? "cannot be used" : reason.toLowerCase(Locale.ROOT);
    }
}
