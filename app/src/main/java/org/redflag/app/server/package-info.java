/**
 * The server: {@code redflag serve} and {@code redflag demo}, the Spring Boot application, its clock, and how
 * errors become {@code application/problem+json} answers.
 */
package org.redflag.app.server;
