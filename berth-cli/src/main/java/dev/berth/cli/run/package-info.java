/**
 * The flags of {@code run} and {@code create} and their translation into the Engine API create
 * body, field for field as the docker CLI builds it (checked against bodies the docker CLI sent,
 * kept as golden files in the tests). Pure: no I/O except reading --env-file/--label-file.
 */
package dev.berth.cli.run;
