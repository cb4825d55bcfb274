"""Developer tools (not shipped): new migrations, stored past-schema databases."""
