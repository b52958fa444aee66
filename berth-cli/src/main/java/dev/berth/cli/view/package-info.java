/**
 * What list commands print: one {@link dev.berth.cli.template.TemplateObject} per row with the
 * fields docker's formatter contexts offer, their column headers and default tables, and the
 * rendering of a {@code --format} value over them.
 */
package dev.berth.cli.view;
