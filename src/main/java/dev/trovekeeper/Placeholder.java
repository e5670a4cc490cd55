package dev.trovekeeper;

class Placeholder {}
