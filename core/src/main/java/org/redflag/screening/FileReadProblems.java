package org.redflag.screening;

import org.redflag.source.FileProblems;
import org.redflag.source.InputProblem;
import org.redflag.source.InvalidInputException;
import org.redflag.source.Utf8Text;

/** What went wrong reading one of the files screening takes, said as the user can act on it. */
final class FileReadProblems {

    private FileReadProblems() {
    }

    /** @param format what the file should have been, for other errors: "CSV", "JSON lines" */
    static InvalidInputException unreadable(String file, Exception e, String format) {
        Utf8Text.NotUtf8 notUtf8 = Utf8Text.find(e);
        if (notUtf8 != null) {
            return new InvalidInputException(notUtf8.in(file));
        }
        String why = e instanceof java.nio.file.FileSystemException f ? FileProblems.reason(f)
                : "not readable as " + format + ": " + e.getMessage();
        return new InvalidInputException(new InputProblem(file, 0, "$", why));
    }
}
