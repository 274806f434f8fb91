/**
 * Red-flag screening of listings: text folding that defeats obfuscation (width, case, script, look-alike letters,
 * digit substitutions, separators inside words), a keyword automaton over a multilingual dictionary, and detectors.
 */
package org.redflag.screening;
