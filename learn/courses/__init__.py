"""Published course content: courses, units, quizzes, questions, assets and publications."""
