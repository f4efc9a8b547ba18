export function score(answer) {
    const sentences = answer.split(/(?<=[.!?])\s+/).filter(Boolean);
    const words = answer.split(/\s+/).filter(Boolean);
    const syllables = words.reduce((n, w) => n + Math.max(1, (w.toLowerCase().match(/[aeiouy]+/g) ?? []).length), 0);
    const flesch = 206.835 - 1.015 * (words.length / Math.max(1, sentences.length)) - 84.6 * (syllables / Math.max(1, words.length));
    return { readability: Math.round(flesch), citations: (answer.match(/https?:\/\/\S+|\[\d+\]/g) ?? []).length, sentences: sentences.length };
}
