/**
 * Reading JSON and YAML documents with their line numbers, validating them against JSON Schemas, and reporting
 * what is wrong as problems that name the file, the line and the field.
 */
package org.redflag.source;
