package ahead

const MaxQuick = maxQuick
