"""The live class hour, pupils' side: follow the teacher's pace on one's own device."""
