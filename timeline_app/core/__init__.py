"""The application without Qt: records, dates, storage, layout maths, imports and exports."""
