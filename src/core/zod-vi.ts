import { z } from 'zod';

// Validation messages in Vietnamese everywhere zod speaks to people (plan files, configuration, API).
z.config(z.locales.vi());
