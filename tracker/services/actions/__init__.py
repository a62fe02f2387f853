"""Actions: chosen next steps with an owner, a due date and a status, and whether they helped."""
