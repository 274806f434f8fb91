/**
 * The web UI for operators, right holders and sellers: server-rendered pages (Thymeleaf) that read without
 * JavaScript, enhanced by htmx and Chart.js from static files; English and Chinese.
 */
package org.redflag.app.web;
